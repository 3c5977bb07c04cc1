package io.socketcore.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.tcp.TcpListeners;
import io.socketcore.tcp.connection.ConnectionTracker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversize frames and the connection limit: the client is told, the server and other
 * clients carry on, and the connection count never drifts.
 */
@TestPropertySource(properties = { "socketcore.tcp.max-line-bytes=1000", "socketcore.tcp.max-connections=5" })
class LimitsEndToEndTest extends RunningServerTest {

	@Autowired
	private TcpListeners tcpListeners;

	@Autowired
	private ConnectionTracker tcpConnectionTracker;

	@Autowired
	private ThreadPoolTaskExecutor tcpConnectionExecutor;

	@Test
	void oversizeLineIsRefusedAndOnlyThatConnectionCloses() throws IOException {
		try (LineClient bystander = connect(); LineClient offender = connect()) {
			assertThat(offender.ask("SQUARE " + "1 ".repeat(496))).startsWith("[1, 1");
			offender.sendRaw(("SQUARE " + "1 ".repeat(5_000) + "\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(offender.readLine())
				.isEqualTo("ERR FRAME_TOO_LARGE the frame is longer than 1000 bytes; closing the connection");
			assertThat(offender.serverClosed()).isTrue();
			assertThat(bystander.ask("PING")).isEqualTo("PONG");
		}
		double rejected = management().metric("socketcore.frames.rejected", "COUNT", "reason:too_large");
		assertThat(rejected).isGreaterThanOrEqualTo(1);
	}

	@Test
	void lineOfExactlyTheLimitIsAccepted() throws IOException {
		try (LineClient client = connect()) {
			String line = "HELLO " + "x".repeat(994);
			assertThat(line).hasSize(1000);
			assertThat(client.ask(line)).isEqualTo("Hello, " + "x".repeat(994) + "!");
			client.sendRaw((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLine()).startsWith("Hello, xxx");
		}
	}

	@Test
	void connectionOverTheLimitIsToldBusyAndClosed() throws IOException {
		awaitNoConnections();
		List<LineClient> clients = new ArrayList<>();
		try {
			connectAnswering(5, clients);
			try (LineClient refused = connect()) {
				assertThat(refused.readLine()).isEqualTo("ERR BUSY too many connections");
				assertThat(refused.serverClosed()).isTrue();
			}
			assertThat(clients.get(0).ask("PING")).isEqualTo("PONG");
		}
		finally {
			for (LineClient client : clients) {
				client.close();
			}
		}
		awaitNoConnections();
		try (LineClient welcome = connect()) {
			assertThat(welcome.ask("PING")).isEqualTo("PONG");
		}
		assertThat(management().metric("socketcore.connections", "COUNT", "outcome:rejected"))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void thousandsOfConnectionsLeaveNoCountAndNoThreadsBehind() throws IOException {
		awaitNoConnections();
		int platformThreadsBefore = Thread.activeCount();
		// each listener's accept loop holds one connection thread for the server's
		// lifetime
		int acceptLoops = this.tcpListeners.all().size();
		for (int i = 0; i < 3000; i++) {
			// The server closes its side of a departed client a moment later: stay under
			// the limit of 5.
			Awaitility.await()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.tcpConnectionTracker.active() < 5);
			try (LineClient client = connect()) {
				if (i % 3 == 0) {
					assertThat(client.ask("PING")).isEqualTo("PONG");
				}
				else if (i % 3 == 1) {
					assertThat(client.ask("QUIT")).isEqualTo("BYE");
				}
				// every third client leaves without a word
			}
		}
		awaitNoConnections();
		// the connection threads (virtual ones too, which Thread.activeCount() cannot
		// see) have all ended their work,
		// leaving only the accept loops
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.tcpConnectionExecutor.getActiveCount()).isEqualTo(acceptLoops));
		assertThat(Thread.activeCount()).isLessThanOrEqualTo(platformThreadsBefore + 10);
	}

	private void awaitNoConnections() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.tcpConnectionTracker.active() == 0);
	}

}
