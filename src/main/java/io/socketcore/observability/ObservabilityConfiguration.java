package io.socketcore.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.ListenerSpecs;
import io.socketcore.tcp.TcpListeners;

/**
 * What operators see that belongs to no single feature: readiness of the TCP listener,
 * thread pools, info and the start-up report. The features' own meters live with the
 * features.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservabilityProperties.class)
class ObservabilityConfiguration {

	@Bean
	static IntegrationMetersSwitch integrationMetersSwitch() {
		return new IntegrationMetersSwitch();
	}

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

	/**
	 * {@code socketcore.listeners.accepting}: 1 while a listener accepts connections, 0
	 * when it does not (stopped, or its accept loop died): what an alert on a dead
	 * listener watches.
	 */
	@Bean
	MeterBinder listenerMeters(TcpListeners tcpListeners) {
		return registry -> tcpListeners.all()
			.forEach(listener -> Gauge
				.builder("socketcore.listeners.accepting", listener, watched -> watched.accepting() ? 1 : 0)
				.description("1 while the TCP listener accepts connections, else 0")
				.tag("listener", listener.spec().name())
				.register(registry));
	}

	@Bean
	SocketcoreInfoContributor socketcoreInfoContributor(TcpListeners tcpListeners, ThreadPools threadPools,
			ListenerSpecs tcpListenerSpecs) {
		return new SocketcoreInfoContributor(tcpListeners, threadPools, tcpListenerSpecs.virtualThreads());
	}

	@Bean
	StartupReport startupReport(TcpListeners tcpListeners, ThreadPools threadPools, MemoryBudget memoryBudget) {
		return new StartupReport(tcpListeners, threadPools, memoryBudget);
	}

}
