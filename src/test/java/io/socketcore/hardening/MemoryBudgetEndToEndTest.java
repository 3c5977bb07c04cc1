package io.socketcore.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One memory budget for everything clients make the server hold: a frame that would
 * overdraw it is told {@code ERR BUSY} and its connection closed, a request is told
 * {@code ERR BUSY} on an open connection, small requests are served from each
 * connection's allowance while the budget is spent, every refusal is counted, and
 * everything drawn is given back.
 */
@TestPropertySource(properties = { "socketcore.memory.limit=4MB", "socketcore.memory.connection-allowance=4KB" })
class MemoryBudgetEndToEndTest extends RunningServerTest {

	@AfterEach
	void everythingIsGivenBack() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(management().metric("socketcore.memory.used", "VALUE")).isZero());
	}

	@Test
	void aFrameTheBudgetCannotHoldIsRefusedAndOnlyItsConnectionCloses() throws IOException {
		double refusedBefore = management().metric("socketcore.memory.refused", "COUNT", "use:frame");
		try (LineClient bystander = connect(); LineClient offender = connect()) {
			assertThat(bystander.ask("PING")).isEqualTo("PONG");
			assertThat(offender.ask("PING")).isEqualTo("PONG");
			byte[] partial = new byte[5 << 20];
			Arrays.fill(partial, (byte) '1');
			try {
				offender.sendRaw(partial);
			}
			catch (IOException closedWhileWriting) {
				// the server refused the frame before all of it was sent
			}
			assertThat(offender.readLine()).isEqualTo("ERR BUSY the server cannot hold this frame now (its memory "
					+ "for requests is in use); closing the connection");
			assertThat(offender.serverClosed()).isTrue();
			assertThat(bystander.ask("HELLO Ann")).isEqualTo("Hello, Ann!");
		}
		assertThat(management().metric("socketcore.memory.refused", "COUNT", "use:frame")).isGreaterThan(refusedBefore);
		assertThat(management().metric("socketcore.connections", "COUNT", "outcome:busy")).isGreaterThanOrEqualTo(1);
		assertThat(management().metric("socketcore.frames.rejected", "COUNT", "reason:busy")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aJobTheBudgetCannotHoldIsBusyAndTheConnectionStaysOpen() throws IOException {
		double refusedBefore = management().metric("socketcore.memory.refused", "COUNT", "use:request");
		try (LineClient client = connect()) {
			String job = "SQUARE " + "1234567 ".repeat(150_000);
			assertThat(client.ask(job)).isEqualTo("ERR BUSY the server cannot hold this job's results now (its memory "
					+ "for requests is in use); try again later");
			assertThat(client.ask("{\"id\":1,\"op\":\"square\",\"numbers\":[" + "1234567,".repeat(150_000) + "1]}"))
				.startsWith("{\"id\":1,\"error\":{\"code\":\"BUSY\",");
			assertThat(client.ask("SQUARE " + "1234567 ".repeat(10_000))).startsWith("[1524155677489, ");
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
		assertThat(management().metric("socketcore.memory.refused", "COUNT", "use:request"))
			.isGreaterThanOrEqualTo(refusedBefore + 2);
	}

	@Test
	void smallRequestsAreServedWhileOtherClientsHoldTheBudget() throws IOException {
		try (LineClient hog1 = connect();
				LineClient hog2 = connect();
				LineClient hog3 = connect();
				LineClient small = connect()) {
			byte[] partial = ("SQUARE " + "1 ".repeat(500_000)).getBytes(StandardCharsets.US_ASCII);
			for (LineClient hog : new LineClient[] { hog1, hog2, hog3 }) {
				// not their first message, which would be taken as complete after a
				// moment of silence
				assertThat(hog.ask("PING")).isEqualTo("PONG");
				hog.sendRaw(partial);
			}
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(management().metric("socketcore.memory.used", "VALUE"))
					.isGreaterThanOrEqualTo(5 << 19));
			assertThat(small.ask("HELLO Ann")).isEqualTo("Hello, Ann!");
			assertThat(small.ask("SQUARE " + "12 ".repeat(300))).startsWith("[144, 144, ");
			assertThat(small.ask("{\"op\":\"square\",\"numbers\":[2,3]}")).isEqualTo("{\"result\":[4,9]}");
			assertThat(small.ask("SQUARE " + "12 ".repeat(100_000))).startsWith("ERR BUSY ");
			assertThat(small.ask("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void theBudgetIsVisibleToOperators() {
		assertThat(management().metric("socketcore.memory.limit", "VALUE")).isEqualTo(4 << 20);
		JsonNode memory = management().json("/actuator/memory");
		assertThat(memory.get("limit").asLong()).isEqualTo(4 << 20);
		assertThat(memory.get("connectionAllowance").asLong()).isEqualTo(4096);
		assertThat(memory.get("used").isNumber()).isTrue();
		assertThat(memory.get("refused").propertyNames()).containsExactly("frame", "request", "buffer");
		String prometheus = management().get("/actuator/prometheus").body();
		assertThat(prometheus).contains("socketcore_memory_used_bytes ", "socketcore_memory_limit_bytes 4194304",
				"socketcore_memory_refused_total{use=\"frame\"}");
	}

}
