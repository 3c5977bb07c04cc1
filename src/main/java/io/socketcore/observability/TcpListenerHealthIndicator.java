package io.socketcore.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.socketcore.tcp.TcpListeners;

/**
 * {@code tcp} in the readiness group: UP only while every TCP listener accepts
 * connections. Details give the default listener's port and, for each listener, its port,
 * framing, TLS and open connections.
 */
public class TcpListenerHealthIndicator implements HealthIndicator {

	private final TcpListeners listeners;

	public TcpListenerHealthIndicator(TcpListeners listeners) {
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		boolean allAccepting = true;
		Map<String, Object> details = new LinkedHashMap<>();
		for (TcpListeners.Listener listener : this.listeners.all()) {
			boolean accepting = listener.accepting();
			allAccepting &= accepting;
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("status", accepting ? "UP" : "OUT_OF_SERVICE");
			detail.put("port", listener.port());
			detail.put("framing", listener.spec().framing().configName());
			detail.put("tls", listener.spec().tls());
			detail.put("connections", listener.activeConnections());
			details.put(listener.spec().name(), detail);
		}
		TcpListeners.Listener first = this.listeners.all().get(0);
		return (allAccepting ? Health.up() : Health.outOfService()).withDetail("port", first.port())
			.withDetail("listeners", details)
			.build();
	}

}
