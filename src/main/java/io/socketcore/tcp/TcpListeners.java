package io.socketcore.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.MessageChannel;

/**
 * Every TCP listener of the service: the default one ({@code socketcore.tcp.*}) and those configured under
 * {@code socketcore.tcp.listeners.<name>}, each with its own inbound gateway feeding the same
 * {@code requests} channel. The extra listeners' flows are registered once all beans exist.
 */
public class TcpListeners implements SmartInitializingSingleton {

	/** One listener: its settings, its connection factory and its connection count. */
	public record Listener(ListenerSpec spec, ListenerConnectionFactory factory, ConnectionTracker tracker) {
	}

	private final List<Listener> listeners;

	private final IntegrationFlowContext flows;

	private final MessageChannel requests;

	TcpListeners(List<Listener> listeners, IntegrationFlowContext flows, MessageChannel requests) {
		this.listeners = Collections.unmodifiableList(new ArrayList<>(listeners));
		this.flows = flows;
		this.requests = requests;
	}

	public List<Listener> all() {
		return this.listeners;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.listeners.stream()
			.filter(listener -> !listener.spec().name().equals(TcpConfiguration.DEFAULT_LISTENER))
			.forEach(listener -> this.flows
				.registration(TcpConfiguration.inboundFlow(listener.factory(), this.requests))
				.id("tcpInboundFlow." + listener.spec().name())
				.addBean("tcpServerConnectionFactory." + listener.spec().name(), listener.factory())
				.register());
	}

}
