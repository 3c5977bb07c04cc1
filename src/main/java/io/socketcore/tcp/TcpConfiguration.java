package io.socketcore.tcp;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.core.instrument.MeterRegistry;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.memory.MemoryProperties;
import io.socketcore.tcp.connection.ConnectionTracker;
import io.socketcore.tcp.listener.ConnectionTimeouts;
import io.socketcore.tcp.listener.GracefulShutdown;
import io.socketcore.tcp.listener.ListenerPipeline;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
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

	private static final Log logger = LogFactory.getLog(TcpConfiguration.class);

	/**
	 * The listeners' settings, their connection limits scaled down, with a warning, to
	 * what the process's memory holds beside the heap ({@link ConnectionMemory}).
	 */
	@Bean
	ListenerSpecs tcpListenerSpecs(TcpProperties properties, Environment environment) {
		boolean virtual = useVirtualThreads(properties.connectionThreads(),
				environment.getProperty("spring.threads.virtual.enabled", Boolean.class));
		return listenerSpecs(properties, virtual, processMemory(), Runtime.getRuntime().maxMemory(),
				managementServerMemory(environment));
	}

	static ListenerSpecs listenerSpecs(TcpProperties properties, boolean virtual, long processMemory, long maxHeap,
			long managementServer) {
		List<ListenerSpec> configured = new ArrayList<>();
		configured.add(ListenerSpec.defaultListener(properties));
		properties.listeners()
			.forEach((name, listener) -> configured.add(ListenerSpec.extraListener(name, listener, properties)));
		long perConnection = ConnectionMemory.perConnection(virtual, properties.sendBuffer().toBytes(),
				properties.receiveBuffer().toBytes());
		int fitting = ConnectionMemory.connectionsThatFit(processMemory, maxHeap, managementServer, perConnection);
		List<ListenerSpec> fitted = ConnectionMemory.fit(configured, fitting);
		if (fitted != configured) {
			logger.warn("Each connection can hold up to " + perConnection / 1024 + " KiB outside the heap (twice "
					+ "socketcore.tcp.send-buffer and receive-buffer in the kernel"
					+ (virtual ? "" : ", and a platform thread: socketcore.tcp.connection-threads") + "): this "
					+ "process's " + (processMemory >> 20) + " MiB hold " + fitting + " beside its heap of at most "
					+ (maxHeap >> 20) + " MiB and the HTTP servers' " + (managementServer >> 20)
					+ " MiB (server.tomcat.max-connections, accept-count, threads.max), not the "
					+ ConnectionMemory.total(configured) + " its listeners' max-connections allow. Limits now: "
					+ fitted.stream()
						.map(spec -> spec.name() + " " + spec.maxConnections())
						.collect(Collectors.joining(", "))
					+ ". To hold more, give the process more memory or the heap less"
					+ (virtual ? "" : ", or use virtual threads") + ".");
		}
		return new ListenerSpecs(List.copyOf(fitted), virtual);
	}

	/**
	 * What the HTTP servers can hold beside the heap at their limits (Boot's
	 * {@code server.tomcat.*} keys, Tomcat's defaults where they are not set): one server
	 * when {@code server.port} follows {@code management.server.port}, as application.yml
	 * has it; two when they are set apart, each under the same limits.
	 */
	static long managementServerMemory(Environment environment) {
		long oneServer = ConnectionMemory.managementServer(
				environment.getProperty("server.tomcat.max-connections", Integer.class, 8192),
				environment.getProperty("server.tomcat.accept-count", Integer.class, 100),
				environment.getProperty("server.tomcat.threads.max", Integer.class, 200));
		return (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT) ? 2 * oneServer : oneServer;
	}

	/** The memory the process may use: its container's limit, or the machine's. */
	private static long processMemory() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean system) {
			return system.getTotalMemorySize();
		}
		return Long.MAX_VALUE;
	}

	/**
	 * One thread per connection, from Boot's executor builder (so
	 * {@code ThreadPoolTaskExecutorCustomizer}s apply), with no queue: a connection
	 * beyond the pool's threads is refused at once, never parked.
	 */
	@Bean
	ThreadPoolTaskExecutor tcpConnectionExecutor(ListenerSpecs tcpListenerSpecs,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> builders) {
		ThreadPoolTaskExecutor executor = builders.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)
			.corePoolSize(0)
			.maxPoolSize(tcpListenerSpecs.threads())
			.queueCapacity(0)
			.keepAlive(Duration.ofSeconds(60))
			.threadNamePrefix("tcp-")
			.build();
		executor.setVirtualThreads(tcpListenerSpecs.virtualThreads());
		return executor;
	}

	@Bean
	ConnectionTracker tcpConnectionTracker(MeterRegistry registry) {
		return new ConnectionTracker(TcpListeners.DEFAULT_LISTENER, registry);
	}

	@Bean
	TcpListeners tcpListeners(ListenerSpecs tcpListenerSpecs, ConnectionTracker tcpConnectionTracker,
			ThreadPoolTaskExecutor tcpConnectionExecutor, MeterRegistry registry, ObjectProvider<SslBundles> sslBundles,
			IntegrationFlowContext flows, @Qualifier("requests") MessageChannel requests, MemoryBudget memoryBudget,
			MemoryProperties memory) {
		List<TcpListeners.Listener> listeners = new ArrayList<>();
		ListenerSpec defaultSpec = tcpListenerSpecs.defaultListener();
		listeners.add(new TcpListeners.Listener(
				defaultSpec, ListenerPipeline.connectionFactory(defaultSpec, tcpConnectionExecutor,
						tcpConnectionTracker, memoryBudget, memory.connectionAllowance().toBytes(), null),
				tcpConnectionTracker));
		for (ListenerSpec spec : tcpListenerSpecs.extraListeners()) {
			ConnectionTracker tracker = new ConnectionTracker(spec.name(), registry);
			listeners.add(new TcpListeners.Listener(spec,
					ListenerPipeline.connectionFactory(spec, tcpConnectionExecutor, tracker, memoryBudget,
							memory.connectionAllowance().toBytes(), sslBundles.getIfAvailable()),
					tracker));
		}
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
