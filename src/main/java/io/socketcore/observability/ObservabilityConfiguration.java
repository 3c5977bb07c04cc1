package io.socketcore.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.TcpListeners;

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
	TcpListenerHealthIndicator tcpHealthIndicator(TcpListeners tcpListeners) {
		return new TcpListenerHealthIndicator(tcpListeners);
	}

	@Bean
	SocketcoreInfoContributor socketcoreInfoContributor(TcpListeners tcpListeners, ThreadPools threadPools) {
		return new SocketcoreInfoContributor(tcpListeners, threadPools);
	}

	@Bean
	StartupReport startupReport(TcpListeners tcpListeners, ThreadPools threadPools, MemoryBudget memoryBudget) {
		return new StartupReport(tcpListeners, threadPools, memoryBudget);
	}

}
