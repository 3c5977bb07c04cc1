package io.socketcore.hardening;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 * A full square queue refuses a job at once with BUSY: no hang, no unbounded memory.
 */
@Import(SquareGate.class)
@TestPropertySource(properties = { "socketcore.squares.executor.core-size=1", "socketcore.squares.executor.max-size=1",
		"socketcore.squares.executor.queue-capacity=2", "socketcore.squares.chunk-size=10" })
class BackPressureEndToEndTest extends RunningServerTest {

	@AfterEach
	void openGate() {
		SquareGate.open();
	}

	@Test
	void fullQueueRefusesTheJobAtOnceAndTheServerRecovers() throws Exception {
		double rejectedBefore = management().metric("executor.rejected", "COUNT", "name:squareExecutor");
		try (LineClient client = connect()) {
			SquareGate.close(1);
			// 5 chunks: one runs (held at the gate), two wait in the queue, the fourth is
			// refused.
			client.send("SQUARE " + numbers(50));
			assertThat(client.readLine()).startsWith("ERR BUSY ");
			SquareGate.open();
			// The refused job's cancelled chunks leave the queue as soon as the thread
			// reaches them.
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> management().json("/actuator/threadpools")
					.at("/squareExecutor/state/queued")
					.asInt() == 0);
			assertThat(client.ask("SQUARE " + numbers(20))).startsWith("[0, 1, 4, ");
		}
		assertThat(management().metric("executor.rejected", "COUNT", "name:squareExecutor"))
			.isEqualTo(rejectedBefore + 1);
		assertThat(management().json("/actuator/threadpools").at("/squareExecutor/state/rejected").asLong())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void otherClientsAreServedWhileTheQueueIsFull() throws Exception {
		try (LineClient busy = connect(); LineClient other = connect()) {
			SquareGate.close(1);
			busy.send("SQUARE " + numbers(30));
			assertThat(SquareGate.awaitStarted()).isTrue();
			assertThat(other.ask("SQUARE 1 2 3")).isEqualTo("[1, 4, 9]");
			assertThat(other.ask("HELLO")).isEqualTo("Hello, client!");
			SquareGate.open();
			assertThat(busy.readLine()).startsWith("[0, 1, 4, ");
		}
	}

	static String numbers(int count) {
		return IntStream.range(0, count).mapToObj(Integer::toString).collect(Collectors.joining(" "));
	}

}
