package io.socketcore.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Silent connections, half-open sockets and slowloris clients are closed after the idle
 * timeout.
 */
@TestPropertySource(properties = "socketcore.tcp.idle-timeout=" + IdleTimeoutEndToEndTest.IDLE_TIMEOUT_MILLIS + "ms")
class IdleTimeoutEndToEndTest extends RunningServerTest {

	static final long IDLE_TIMEOUT_MILLIS = 1000;

	@Test
	void silentConnectionIsClosed() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
			// The server closes: the blocking read below ends with end of stream, not
			// with our 60 s timeout.
			assertThat(client.serverClosed()).isTrue();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> management().metric("socketcore.connections", "COUNT", "outcome:idle_timeout") >= 1);
	}

	@Test
	void slowlorisWithAHalfSentLineIsClosed() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
			client.sendRaw("SQUARE 1 2".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.serverClosed()).isTrue();
		}
	}

	/** The timeout counts from the client's last request, not from its connecting. */
	@Test
	void activeConnectionStaysOpenLongPastTheTimeout() throws IOException {
		try (LineClient client = connect()) {
			long connected = System.nanoTime();
			Duration open = Duration.ofMillis(4 * IDLE_TIMEOUT_MILLIS);
			// a request every 100 ms, until the connection has lived four idle timeouts
			Awaitility.await()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.atMost(open.multipliedBy(3))
				.until(() -> client.ask("PING").equals("PONG") && System.nanoTime() - connected > open.toNanos());
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
	}

}
