package io.socketcore.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.memory.MemoryProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The TCP listeners: for each, a blocking server connection factory with our batching connections and the
 * listener's codec, and an inbound gateway that hands every frame to the {@code requests} channel.
 * The default listener's factory and flow are beans; the extra listeners' are registered by
 * {@link TcpListeners}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TcpProperties.class)
public class TcpConfiguration {

	/** The listener configured directly under {@code socketcore.tcp}. */
	public static final String DEFAULT_LISTENER = "default";

	/** Threads beyond the connection limits: the accepting threads and connections being turned away. */
	private static final int EXTRA_THREADS = 64;

	/**
	 * One thread per connection, from Boot's executor builder (so {@code ThreadPoolTaskExecutorCustomizer}s
	 * apply), with no queue: a connection beyond the pool's threads is refused at once, never parked.
	 */
	@Bean
	ThreadPoolTaskExecutor tcpConnectionExecutor(TcpProperties properties,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> builders, Environment environment) {
		int connections = properties.maxConnections() + properties.listeners().size() + properties.listeners()
			.values()
			.stream()
			.mapToInt(listener -> (listener.maxConnections() != null) ? listener.maxConnections()
					: properties.maxConnections())
			.sum();
		ThreadPoolTaskExecutor executor = builders.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)
			.corePoolSize(0)
			.maxPoolSize(connections + EXTRA_THREADS)
			.queueCapacity(0)
			.keepAlive(Duration.ofSeconds(60))
			.threadNamePrefix("tcp-")
			.build();
		executor.setVirtualThreads(useVirtualThreads(properties.connectionThreads(),
				environment.getProperty("spring.threads.virtual.enabled", Boolean.class)));
		return executor;
	}

	@Bean
	ConnectionTracker tcpConnectionTracker(MeterRegistry registry) {
		return new ConnectionTracker(DEFAULT_LISTENER, registry);
	}

	@Bean
	ListenerConnectionFactory tcpServerConnectionFactory(TcpProperties properties,
			ThreadPoolTaskExecutor tcpConnectionExecutor, ConnectionTracker tcpConnectionTracker,
			MemoryBudget memoryBudget, MemoryProperties memory) {
		return ListenerFactories.create(ListenerSpec.defaultListener(properties), tcpConnectionExecutor,
				tcpConnectionTracker, memoryBudget, memory.connectionAllowance().toBytes(), null);
	}

	@Bean
	IntegrationFlow tcpInboundFlow(ListenerConnectionFactory tcpServerConnectionFactory,
			@Qualifier("requests") MessageChannel requests) {
		return inboundFlow(tcpServerConnectionFactory, requests);
	}

	@Bean
	TcpListeners tcpListeners(TcpProperties properties, ListenerConnectionFactory tcpServerConnectionFactory,
			ConnectionTracker tcpConnectionTracker, ThreadPoolTaskExecutor tcpConnectionExecutor,
			MeterRegistry registry, ObjectProvider<SslBundles> sslBundles, IntegrationFlowContext flows,
			@Qualifier("requests") MessageChannel requests, MemoryBudget memoryBudget, MemoryProperties memory) {
		List<TcpListeners.Listener> listeners = new ArrayList<>();
		listeners.add(new TcpListeners.Listener(ListenerSpec.defaultListener(properties), tcpServerConnectionFactory,
				tcpConnectionTracker));
		properties.listeners().forEach((name, listener) -> {
			ListenerSpec spec = ListenerSpec.extraListener(name, listener, properties);
			ConnectionTracker tracker = new ConnectionTracker(name, registry);
			listeners.add(new TcpListeners.Listener(spec,
					ListenerFactories.create(spec, tcpConnectionExecutor, tracker, memoryBudget,
							memory.connectionAllowance().toBytes(), sslBundles.getIfAvailable()), tracker));
		});
		return new TcpListeners(listeners, flows, requests);
	}

	@Bean
	GracefulShutdown tcpGracefulShutdown(TcpListeners tcpListeners, ApplicationEventPublisher publisher,
			Environment environment) {
		Duration phaseTimeout = environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
				Duration.ofSeconds(30));
		return new GracefulShutdown(tcpListeners, publisher,
				phaseTimeout.minusSeconds(1).isNegative() ? Duration.ZERO : phaseTimeout.minusSeconds(1));
	}

	@Bean
	ConnectionTimeouts tcpConnectionTimeouts(TcpListeners tcpListeners, TcpProperties properties) {
		return new ConnectionTimeouts(tcpListeners, properties.writeTimeout());
	}

	/**
	 * A listener's flow: its inbound gateway, straight into the {@code requests} channel. The channel is the
	 * gateway's own request channel, not a step after it: a step would be one more channel and bridge, each
	 * metered, on every request.
	 */
	static IntegrationFlow inboundFlow(ListenerConnectionFactory factory, MessageChannel requests) {
		// errorOnTimeout: a flow that produced no reply becomes an error reply, never silence.
		return IntegrationFlow.from(Tcp.inboundGateway(factory)
			.requestChannel(requests)
			.errorChannel("requestErrors")
			.errorOnTimeout(true))
			.get();
	}

	/**
	 * {@code auto} follows Boot's {@code spring.threads.virtual.enabled} where it is set, and otherwise takes
	 * virtual threads wherever the JVM has them (Java 21+).
	 */
	static boolean useVirtualThreads(TcpProperties.ConnectionThreads threads, Boolean bootVirtualThreads) {
		boolean available = Runtime.version().feature() >= 21;
		if (threads == TcpProperties.ConnectionThreads.VIRTUAL && !available) {
			throw new IllegalStateException("socketcore.tcp.connection-threads=virtual needs Java 21 or later; this is "
					+ Runtime.version());
		}
		if (threads == TcpProperties.ConnectionThreads.AUTO && bootVirtualThreads != null) {
			return available && bootVirtualThreads;
		}
		return available && threads != TcpProperties.ConnectionThreads.PLATFORM;
	}

}
