package io.socketcore.hardening;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.support.SquareGate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that outlives {@code socketcore.squares.timeout} is answered TIMEOUT and its
 * chunks are cancelled.
 */
@Import(SquareGate.class)
@TestPropertySource(properties = { "socketcore.squares.executor.core-size=1", "socketcore.squares.chunk-size=10",
		"socketcore.squares.timeout=500ms" })
class JobTimeoutEndToEndTest extends RunningServerTest {

	@AfterEach
	void openGate() {
		SquareGate.open();
	}

	@Test
	void slowJobIsAnsweredTimeoutAndCancelled() throws Exception {
		try (LineClient client = connect()) {
			SquareGate.close(1);
			client.send("SQUARE " + BackPressureEndToEndTest.numbers(40));
			assertThat(client.readLine()).isEqualTo("ERR TIMEOUT the job took longer than 500 ms and was cancelled");
			assertThat(SquareGate.allSubmittedCancelled()).isTrue();
			SquareGate.open();
			assertThat(client.ask("PING")).isEqualTo("PONG");
			assertThat(client.ask("SQUARE 2 3")).isEqualTo("[4, 9]");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> management().metric("socketcore.requests", "COUNT", "command:SQUARE", "outcome:TIMEOUT") >= 1);
	}

}
