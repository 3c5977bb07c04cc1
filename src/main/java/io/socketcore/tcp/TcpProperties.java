package io.socketcore.tcp;

import java.time.Duration;

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
 * @param maxLineBytes the longest request line; longer ones get {@code ERR FRAME_TOO_LARGE} and the
 * connection is closed
 * @param maxConnections connections beyond this get {@code ERR BUSY too many connections} and are closed
 * @param idleTimeout silent connections are closed after this long; 0 means never
 * @param unterminatedTimeout a first message without a terminator is answered after this much silence,
 * then the connection is closed (clients of the original Python server); 0 disables
 * @param backlog connections the operating system queues before they are accepted
 * @param connectionThreads {@code auto} (virtual threads where the JVM has them, Java 21+), {@code virtual}
 * or {@code platform}
 */
@Validated
@ConfigurationProperties("socketcore.tcp")
public record TcpProperties(
		@DefaultValue("12345") @Min(0) @Max(65535) int port,
		@DefaultValue("") String host,
		@DefaultValue("8MB") @NotNull DataSize maxLineBytes,
		@DefaultValue("10000") @Min(1) int maxConnections,
		@DefaultValue("5m") @NotNull Duration idleTimeout,
		@DefaultValue("100ms") @NotNull Duration unterminatedTimeout,
		@DefaultValue("1024") @Min(1) int backlog,
		@DefaultValue("auto") @NotNull ConnectionThreads connectionThreads) {

	public TcpProperties {
		if (maxLineBytes != null && (maxLineBytes.toBytes() < 1 || maxLineBytes.toBytes() > Integer.MAX_VALUE - 16)) {
			throw new IllegalArgumentException(
					"socketcore.tcp.max-line-bytes must be between 1B and 2047MB, was " + maxLineBytes);
		}
	}

	public int maxLineBytesAsInt() {
		return (int) this.maxLineBytes.toBytes();
	}

	/** Which threads serve connections (one per connection: blocking reads keep replies in order). */
	public enum ConnectionThreads {

		AUTO, VIRTUAL, PLATFORM

	}

}
