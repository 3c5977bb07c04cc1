package io.socketcore.tcp;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
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
	TcpNetServerConnectionFactory tcpServerConnectionFactory(TcpProperties properties,
			ThreadPoolTaskExecutor tcpConnectionExecutor, ConnectionTracker tcpConnectionTracker) {
		ConnectionSettings settings = new ConnectionSettings(DEFAULT_LISTENER, properties.maxConnections(),
				(int) properties.unterminatedTimeout().toMillis(), tcpConnectionTracker);
		LineCodec codec = new LineCodec(properties.maxLineBytesAsInt());
		TcpNetServerConnectionFactory factory = Tcp.netServer(properties.port())
			.connectionSupport(new BatchingConnectionSupport(settings))
			.serializer(codec)
			.deserializer(codec)
			.mapper(new ListenerMessageMapper(DEFAULT_LISTENER))
			.taskExecutor(tcpConnectionExecutor)
			.soTimeout((int) properties.idleTimeout().toMillis())
			.backlog(properties.backlog())
			.soTcpNoDelay(true)
			.getObject();
		if (StringUtils.hasText(properties.host())) {
			factory.setLocalAddress(properties.host());
		}
		return factory;
	}

	@Bean
	IntegrationFlow tcpInboundFlow(TcpNetServerConnectionFactory tcpServerConnectionFactory) {
		return IntegrationFlow.from(Tcp.inboundGateway(tcpServerConnectionFactory)
				.errorChannel("requestErrors"))
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
