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
 * Silent connections, half-open sockets and slowloris clients are closed after the idle timeout.
 */
@TestPropertySource(properties = "socketcore.tcp.idle-timeout=300ms")
class IdleTimeoutEndToEndTest extends RunningServerTest {

	@Test
	void silentConnectionIsClosed() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
			// The server closes: the blocking read below ends with end of stream, not with our 60 s timeout.
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

	@Test
	void activeConnectionStaysOpen() throws IOException {
		try (LineClient client = connect()) {
			for (int i = 0; i < 20; i++) {
				assertThat(client.ask("PING")).isEqualTo("PONG");
			}
		}
	}

}
