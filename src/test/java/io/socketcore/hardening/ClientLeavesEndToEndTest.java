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
 * A client that disconnects while its job runs stops costing CPU: the job's remaining
 * chunks are cancelled (long before the one-hour job timeout here could do it).
 */
@Import(SquareGate.class)
@TestPropertySource(properties = { "socketcore.squares.executor.core-size=1", "socketcore.squares.chunk-size=10",
		"socketcore.squares.timeout=1h" })
class ClientLeavesEndToEndTest extends RunningServerTest {

	@AfterEach
	void openGate() {
		SquareGate.open();
	}

	@Test
	void remainingChunksAreCancelledWhenTheClientLeaves() throws Exception {
		LineClient client = connect();
		SquareGate.close(1);
		client.send("SQUARE " + BackPressureEndToEndTest.numbers(40));
		assertThat(SquareGate.awaitStarted()).isTrue();
		// the first chunk runs while the scan submits the others
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SquareGate.submitted().size() == 4);
		assertThat(SquareGate.submitted()).hasSize(4);
		client.close();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(SquareGate::allSubmittedCancelled);
		SquareGate.open();
		try (LineClient next = connect()) {
			assertThat(next.ask("SQUARE 5")).isEqualTo("[25]");
		}
	}

}
