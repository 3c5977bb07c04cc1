package io.socketcore.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.tcp.ConnectionTracker;
import io.socketcore.tcp.TcpProperties;

/**
 * What operators see that belongs to no single feature: readiness of the TCP listener, thread pools,
 * info and the start-up report. The features' own meters live with the features.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	static ThreadPools threadPools() {
		return new ThreadPools();
	}

	@Bean
	ThreadPoolsEndpoint threadPoolsEndpoint(ThreadPools threadPools) {
		return new ThreadPoolsEndpoint(threadPools);
	}

	@Bean("tcp")
	TcpListenerHealthIndicator tcpHealthIndicator(TcpNetServerConnectionFactory tcpServerConnectionFactory,
			ConnectionTracker tcpConnectionTracker) {
		return new TcpListenerHealthIndicator(tcpServerConnectionFactory, tcpConnectionTracker);
	}

	@Bean
	SocketcoreInfoContributor socketcoreInfoContributor(TcpNetServerConnectionFactory tcpServerConnectionFactory,
			TcpProperties tcpProperties, ThreadPools threadPools) {
		return new SocketcoreInfoContributor(tcpServerConnectionFactory, tcpProperties, threadPools);
	}

	@Bean
	StartupReport startupReport(TcpNetServerConnectionFactory tcpServerConnectionFactory, TcpProperties tcpProperties,
			ThreadPools threadPools) {
		return new StartupReport(tcpServerConnectionFactory, tcpProperties, threadPools);
	}

}
