package io.socketcore.e2e;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The errors the transport finds before any parsing (a frame too large) are told in the
 * client's dialect: a JSON client gets a JSON error, a text client an {@code ERR} line.
 */
@TestPropertySource(properties = "socketcore.tcp.max-line-bytes=100")
class DialectErrorsEndToEndTest extends RunningServerTest {

	private static final String TOO_LARGE_JSON = "{\"op\":\"square\",\"numbers\":[" + "1,".repeat(60) + "1]}";

	@Test
	void aJsonClientsFirstFrameTooLargeIsRefusedInJson() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask(TOO_LARGE_JSON)).startsWith(
					"{\"error\":{\"code\":\"FRAME_TOO_LARGE\",\"message\":\"the frame is longer than 100 bytes");
			assertThat(client.serverClosed()).isTrue();
		}
	}

	@Test
	void aFrameTooLargeIsRefusedInTheDialectOfTheClientsLastRequest() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("{\"id\":1,\"op\":\"ping\"}")).isEqualTo("{\"id\":1,\"result\":\"PONG\"}");
			assertThat(client.ask("  " + "x".repeat(200))).startsWith("{\"error\":{\"code\":\"FRAME_TOO_LARGE\"");
			assertThat(client.serverClosed()).isTrue();
		}
		try (LineClient client = connect()) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
			assertThat(client.ask(TOO_LARGE_JSON)).startsWith("ERR FRAME_TOO_LARGE the frame is longer than 100 bytes");
			assertThat(client.serverClosed()).isTrue();
		}
	}

}
