package io.socketcore.observability;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.tcp.ConnectionTracker;

/**
 * {@code tcp} in the readiness group: UP only while the listener accepts connections.
 */
public class TcpListenerHealthIndicator implements HealthIndicator {

	private final TcpNetServerConnectionFactory listener;

	private final ConnectionTracker connections;

	public TcpListenerHealthIndicator(TcpNetServerConnectionFactory listener, ConnectionTracker connections) {
		this.listener = listener;
		this.connections = connections;
	}

	@Override
	public Health health() {
		Health.Builder health = (this.listener.isListening() && this.listener.isRunning()) ? Health.up()
				: Health.outOfService();
		return health.withDetail("listener", "default")
			.withDetail("port", this.listener.getPort())
			.withDetail("connections", this.connections.active())
			.build();
	}

}
