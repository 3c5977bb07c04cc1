package io.socketcore.tcp;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The default TCP listener: a blocking server connection factory with our batching connections and line
 * codec, and the inbound gateway that hands each frame to the {@code requests} channel.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TcpProperties.class)
public class TcpConfiguration {

	/** The listener configured directly under {@code socketcore.tcp}. */
	public static final String DEFAULT_LISTENER = "default";

	/** Threads beyond max-connections: the accepting thread and connections being turned away. */
	private static final int EXTRA_THREADS = 64;

	@Bean
	ThreadPoolTaskExecutor tcpConnectionExecutor(TcpProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(0);
		executor.setMaxPoolSize(properties.maxConnections() + EXTRA_THREADS);
		executor.setQueueCapacity(0);
		executor.setKeepAliveSeconds(60);
		executor.setThreadNamePrefix("tcp-");
		if (useVirtualThreads(properties.connectionThreads())) {
			executor.setThreadFactory(new VirtualThreadTaskExecutor("tcp-").getVirtualThreadFactory());
		}
		return executor;
	}

	@Bean
	ConnectionTracker tcpConnectionTracker(MeterRegistry registry) {
		return new ConnectionTracker(DEFAULT_LISTENER, registry);
	}

	@Bean
	ListenerConnectionFactory tcpServerConnectionFactory(TcpProperties properties,
			ThreadPoolTaskExecutor tcpConnectionExecutor, ConnectionTracker tcpConnectionTracker) {
		ConnectionSettings settings = new ConnectionSettings(DEFAULT_LISTENER, properties.maxConnections(),
				(int) properties.unterminatedTimeout().toMillis(), tcpConnectionTracker);
		LineCodec codec = new LineCodec(properties.maxLineBytesAsInt());
		ListenerConnectionFactory factory = new ListenerConnectionFactory(properties.port());
		factory.setTcpNetConnectionSupport(new BatchingConnectionSupport(settings));
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setMapper(new ListenerMessageMapper(DEFAULT_LISTENER));
		factory.setTaskExecutor(tcpConnectionExecutor);
		factory.setSoTimeout((int) properties.idleTimeout().toMillis());
		factory.setBacklog(properties.backlog());
		factory.setSoTcpNoDelay(true);
		if (StringUtils.hasText(properties.host())) {
			factory.setLocalAddress(properties.host());
		}
		return factory;
	}

	@Bean
	GracefulShutdown tcpGracefulShutdown(ListenerConnectionFactory tcpServerConnectionFactory,
			ConnectionTracker tcpConnectionTracker, ApplicationEventPublisher publisher, Environment environment) {
		Duration phaseTimeout = environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
				Duration.ofSeconds(30));
		return new GracefulShutdown(
				List.of(new GracefulShutdown.Listener(tcpServerConnectionFactory, tcpConnectionTracker)), publisher,
				phaseTimeout.minusSeconds(1).isNegative() ? Duration.ZERO : phaseTimeout.minusSeconds(1));
	}

	@Bean
	IntegrationFlow tcpInboundFlow(ListenerConnectionFactory tcpServerConnectionFactory) {
		// errorOnTimeout: a flow that produced no reply becomes an error reply, never silence.
		return IntegrationFlow.from(Tcp.inboundGateway(tcpServerConnectionFactory)
				.errorChannel("requestErrors")
				.errorOnTimeout(true))
			.channel("requests")
			.get();
	}

	static boolean useVirtualThreads(TcpProperties.ConnectionThreads threads) {
		boolean available = Runtime.version().feature() >= 21;
		if (threads == TcpProperties.ConnectionThreads.VIRTUAL && !available) {
			throw new IllegalStateException("socketcore.tcp.connection-threads=virtual needs Java 21 or later; this is "
					+ Runtime.version());
		}
		return available && threads != TcpProperties.ConnectionThreads.PLATFORM;
	}

}
