package io.socketcore.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.memory.MemoryProperties;
import io.socketcore.tcp.connection.ConnectionTracker;
import io.socketcore.tcp.listener.ConnectionTimeouts;
import io.socketcore.tcp.listener.GracefulShutdown;
import io.socketcore.tcp.listener.ListenerPipeline;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The TCP listeners: for each, the pipeline of {@link ListenerPipeline} (a blocking
 * server connection factory with our connections and the listener's framing, and an
 * inbound gateway that hands every frame to the {@code requests} channel), registered by
 * {@link TcpListeners}; the thread per connection; and what acts on every connection (the
 * graceful shutdown, the timeouts).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TcpProperties.class)
public class TcpConfiguration {

	/**
	 * Threads beyond the connection limits: the accepting threads and connections being
	 * turned away.
	 */
	private static final int EXTRA_THREADS = 64;

	/**
	 * One thread per connection, from Boot's executor builder (so
	 * {@code ThreadPoolTaskExecutorCustomizer}s apply), with no queue: a connection
	 * beyond the pool's threads is refused at once, never parked.
	 */
	@Bean
	ThreadPoolTaskExecutor tcpConnectionExecutor(TcpProperties properties,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> builders, Environment environment) {
		int connections = properties.maxConnections() + properties.listeners().size()
				+ properties.listeners()
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
		return new ConnectionTracker(TcpListeners.DEFAULT_LISTENER, registry);
	}

	@Bean
	TcpListeners tcpListeners(TcpProperties properties, ConnectionTracker tcpConnectionTracker,
			ThreadPoolTaskExecutor tcpConnectionExecutor, MeterRegistry registry, ObjectProvider<SslBundles> sslBundles,
			IntegrationFlowContext flows, @Qualifier("requests") MessageChannel requests, MemoryBudget memoryBudget,
			MemoryProperties memory) {
		List<TcpListeners.Listener> listeners = new ArrayList<>();
		ListenerSpec defaultSpec = ListenerSpec.defaultListener(properties);
		listeners.add(new TcpListeners.Listener(
				defaultSpec, ListenerPipeline.connectionFactory(defaultSpec, tcpConnectionExecutor,
						tcpConnectionTracker, memoryBudget, memory.connectionAllowance().toBytes(), null),
				tcpConnectionTracker));
		properties.listeners().forEach((name, listener) -> {
			ListenerSpec spec = ListenerSpec.extraListener(name, listener, properties);
			ConnectionTracker tracker = new ConnectionTracker(name, registry);
			listeners.add(new TcpListeners.Listener(spec,
					ListenerPipeline.connectionFactory(spec, tcpConnectionExecutor, tracker, memoryBudget,
							memory.connectionAllowance().toBytes(), sslBundles.getIfAvailable()),
					tracker));
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
	 * {@code auto} follows Boot's {@code spring.threads.virtual.enabled} where it is set,
	 * and otherwise takes virtual threads wherever the JVM has them (Java 21+).
	 */
	static boolean useVirtualThreads(TcpProperties.ConnectionThreads threads, Boolean bootVirtualThreads) {
		boolean available = Runtime.version().feature() >= 21;
		if (threads == TcpProperties.ConnectionThreads.VIRTUAL && !available) {
			throw new IllegalStateException(
					"socketcore.tcp.connection-threads=virtual needs Java 21 or later; this is " + Runtime.version());
		}
		if (threads == TcpProperties.ConnectionThreads.AUTO && bootVirtualThreads != null) {
			return available && bootVirtualThreads;
		}
		return available && threads != TcpProperties.ConnectionThreads.PLATFORM;
	}

}
