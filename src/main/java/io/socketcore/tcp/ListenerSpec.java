package io.socketcore.tcp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The settings of one listener, with the defaults of {@code socketcore.tcp.*} filled in.
 */
public record ListenerSpec(String name, int port, String host, TcpProperties.Framing framing, int maxFrameBytes,
		Duration idleTimeout, int maxConnections, Duration unterminatedTimeout, int backlog, @Nullable String sslBundle,
		TcpProperties.ClientAuth clientAuth, int sendBuffer, int receiveBuffer, int maxConnectionsPerAddress) {

	static ListenerSpec defaultListener(TcpProperties tcp) {
		return new ListenerSpec(TcpListeners.DEFAULT_LISTENER, tcp.port(), tcp.host(), TcpProperties.Framing.LF,
				tcp.maxLineBytesAsInt(), tcp.idleTimeout(), tcp.maxConnections(), tcp.unterminatedTimeout(),
				tcp.backlog(), null, TcpProperties.ClientAuth.NONE, (int) tcp.sendBuffer().toBytes(),
				(int) tcp.receiveBuffer().toBytes(), tcp.maxConnectionsPerAddress());
	}

	/**
	 * Unterminated first messages (clients of the original server) are recognised on the
	 * default port only.
	 */
	static ListenerSpec extraListener(String name, TcpProperties.Listener listener, TcpProperties tcp) {
		int maxFrame = (listener.maxLineBytes() != null) ? (int) listener.maxLineBytes().toBytes()
				: tcp.maxLineBytesAsInt();
		return new ListenerSpec(name, listener.port(), (listener.host() != null) ? listener.host() : tcp.host(),
				listener.framing(), maxFrame,
				(listener.idleTimeout() != null) ? listener.idleTimeout() : tcp.idleTimeout(),
				(listener.maxConnections() != null) ? listener.maxConnections() : tcp.maxConnections(), Duration.ZERO,
				tcp.backlog(), listener.sslBundle(), listener.clientAuth(), (int) tcp.sendBuffer().toBytes(),
				(int) tcp.receiveBuffer().toBytes(), tcp.maxConnectionsPerAddress());
	}

	/** The same listener with another connection limit. */
	ListenerSpec withMaxConnections(int connections) {
		return new ListenerSpec(this.name, this.port, this.host, this.framing, this.maxFrameBytes, this.idleTimeout,
				connections, this.unterminatedTimeout, this.backlog, this.sslBundle, this.clientAuth, this.sendBuffer,
				this.receiveBuffer, this.maxConnectionsPerAddress);
	}

	public boolean tls() {
		return this.sslBundle != null && !this.sslBundle.isBlank();
	}

}
