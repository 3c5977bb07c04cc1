package io.socketcore.tcp;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The TCP listener.
 *
 * @param port the port to listen on (0 picks a free one, for tests)
 * @param host the address to bind; empty means all interfaces
 * @param maxLineBytes the longest request line; longer ones get ERR FRAME_TOO_LARGE and
 * the connection is closed
 * @param maxConnections connections beyond this get ERR BUSY too many connections and are
 * closed; on platform threads, every listener's limit is scaled down to what the memory
 * beside the heap holds
 * @param idleTimeout silent connections are closed after this long; 0 means never
 * @param writeTimeout a connection whose client has read nothing of a pending reply for
 * this long is closed (outcome write_timeout); 0 means never
 * @param unterminatedTimeout a first message of up to 1024 bytes without a terminator is
 * answered after this much silence, then the connection is closed (clients of the
 * original Python server); 0 disables
 * @param backlog connections the operating system queues before they are accepted
 * @param connectionThreads auto (virtual threads where the JVM has them, Java 21+),
 * virtual or platform
 * @param sendBuffer the operating system's send buffer of each connection (SO_SNDBUF):
 * the kernel holds up to twice this of replies that a client has not read, outside the
 * heap but inside a container's memory limit
 * @param receiveBuffer the operating system's receive buffer of each connection
 * (SO_RCVBUF): the kernel holds up to twice this of what a client sent before the service
 * reads it
 * @param maxConnectionsPerAddress connections from one client address beyond this, on
 * each listener, get ERR BUSY too many connections from your address and are closed, so
 * that one client cannot take every connection; an IPv6 client is counted by its /64
 * network; 0 means no limit per address (behind a proxy or a NAT, every client shares its
 * address)
 * @param listeners more listeners, by name, each on its own port; unset settings are
 * taken from the default listener above
 */
@Validated
@ConfigurationProperties("socketcore.tcp")
public record TcpProperties(@DefaultValue("12345") @Min(0) @Max(65535) int port, @DefaultValue("") String host,
		@DefaultValue("16MB") @NotNull DataSize maxLineBytes, @DefaultValue("10000") @Min(1) int maxConnections,
		@DefaultValue("5m") @NotNull Duration idleTimeout, @DefaultValue("30s") @NotNull Duration writeTimeout,
		@DefaultValue("100ms") @NotNull Duration unterminatedTimeout, @DefaultValue("1024") @Min(1) int backlog,
		@DefaultValue("auto") @NotNull ConnectionThreads connectionThreads,
		@DefaultValue("64KB") @NotNull DataSize sendBuffer, @DefaultValue("64KB") @NotNull DataSize receiveBuffer,
		@DefaultValue("0") @Min(0) int maxConnectionsPerAddress, Map<String, @Valid Listener> listeners) {

	public TcpProperties {
		if (maxLineBytes != null && (maxLineBytes.toBytes() < 1 || maxLineBytes.toBytes() > Integer.MAX_VALUE - 16)) {
			throw new IllegalArgumentException(
					"socketcore.tcp.max-line-bytes must be between 1B and 2047MB, was " + maxLineBytes);
		}
		checkSocketBuffer("send-buffer", sendBuffer);
		checkSocketBuffer("receive-buffer", receiveBuffer);
		if (writeTimeout != null && writeTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"socketcore.tcp.write-timeout must not be negative, was " + writeTimeout);
		}
	}

	/**
	 * Below 64 KiB a big reply's transfer over loopback, whose segments are 64 KiB,
	 * stalls on delayed acknowledgements (docs/design.md). The kernel silently caps any
	 * value at net.core.wmem_max and rmem_max (often 208 KiB), so the connection limits,
	 * which count the configured value, stay on the safe side.
	 */
	private static void checkSocketBuffer(String key, DataSize size) {
		if (size != null && (size.toBytes() < 64 * 1024 || size.toBytes() > 4 * 1024 * 1024)) {
			throw new IllegalArgumentException("socketcore.tcp." + key + " must be between 64KB and 4MB, was " + size);
		}
	}

	public int maxLineBytesAsInt() {
		return (int) this.maxLineBytes.toBytes();
	}

	/** The extra listeners, never null. */
	public Map<String, Listener> listeners() {
		return (this.listeners != null) ? this.listeners : Map.of();
	}

	/**
	 * One more listener, under socketcore.tcp.listeners.<name>.
	 *
	 * @param port the port (required)
	 * @param host the address to bind; unset means the default listener's
	 * @param framing how frames are delimited: lf, crlf, stx-etx or length-header
	 * @param maxLineBytes the largest frame
	 * @param idleTimeout silent connections are closed after this long; 0 means never
	 * @param maxConnections connections beyond this get ERR BUSY and are closed
	 * @param sslBundle the name of a Spring Boot SSL bundle (spring.ssl.bundle.*) to
	 * serve TLS with
	 * @param clientAuth whether TLS clients must (need) or may (want) present a
	 * certificate
	 */
	public record Listener(@NotNull @Min(0) @Max(65535) Integer port, String host,
			@DefaultValue("lf") @NotNull Framing framing, DataSize maxLineBytes, Duration idleTimeout,
			@Min(1) Integer maxConnections, String sslBundle, @DefaultValue("none") @NotNull ClientAuth clientAuth) {
	}

	/** How frames are delimited on the wire. */
	public enum Framing {

		/** Lines ending in LF (a CR before it is tolerated); replies end in LF. */
		LF,
		/** Lines ending in CR LF; replies end in CR LF. */
		CRLF,
		/** Each frame between STX (0x02) and ETX (0x03). */
		STX_ETX,
		/**
		 * Each frame preceded by its length as a 4-byte big-endian integer; binary-safe.
		 */
		LENGTH_HEADER;

		/** The name as written in configuration: lf, crlf, stx-etx, length-header. */
		public String configName() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	/** TLS client certificates. */
	public enum ClientAuth {

		NONE, WANT, NEED

	}

	/**
	 * Which threads serve connections (one per connection: blocking reads keep replies in
	 * order).
	 */
	public enum ConnectionThreads {

		AUTO, VIRTUAL, PLATFORM

	}

}
