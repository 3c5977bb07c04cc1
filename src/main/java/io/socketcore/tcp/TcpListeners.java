package io.socketcore.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.MessageChannel;

import io.socketcore.tcp.connection.ConnectionTracker;
import io.socketcore.tcp.listener.ListenerConnectionFactory;
import io.socketcore.tcp.listener.ListenerPipeline;

/**
 * Every TCP listener of the service: the default one ({@code socketcore.tcp.*}) and those
 * configured under {@code socketcore.tcp.listeners.<name>}, each with its own inbound
 * gateway feeding the same {@code requests} channel. All are registered the same way,
 * once all beans exist: the default listener's connection factory and flow as the beans
 * {@code tcpServerConnectionFactory} and {@code tcpInboundFlow}, an extra listener's as
 * {@code tcpServerConnectionFactory.<name>} and {@code tcpInboundFlow.<name>}.
 */
public class TcpListeners implements SmartInitializingSingleton {

	/** The listener configured directly under {@code socketcore.tcp}. */
	public static final String DEFAULT_LISTENER = "default";

	/** One listener: its settings, its connection factory and its open connections. */
	public record Listener(ListenerSpec spec, ListenerConnectionFactory factory, ConnectionTracker tracker) {

		/** Whether it accepts connections now: started, and its accept loop alive. */
		public boolean accepting() {
			return this.factory.isListening() && this.factory.isRunning();
		}

		/**
		 * The port it listens on (the one the system chose, for port 0), once it listens.
		 */
		public int port() {
			return this.factory.getPort();
		}

		/** Its connections open now. */
		public int activeConnections() {
			return this.tracker.active();
		}

		/**
		 * The beans' names end in this: nothing for the default listener, {@code .<name>}
		 * for the others.
		 */
		String beanNameSuffix() {
			return DEFAULT_LISTENER.equals(this.spec.name()) ? "" : "." + this.spec.name();
		}

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
		for (Listener listener : this.listeners) {
			this.flows.registration(ListenerPipeline.inboundFlow(listener.factory(), this.requests))
				.id("tcpInboundFlow" + listener.beanNameSuffix())
				.addBean("tcpServerConnectionFactory" + listener.beanNameSuffix(), listener.factory())
				.register();
		}
	}

}
