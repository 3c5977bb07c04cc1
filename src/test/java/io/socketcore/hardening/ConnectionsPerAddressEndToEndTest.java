package io.socketcore.hardening;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.tcp.connection.ConnectionTracker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client address cannot take every connection: beyond
 * socketcore.tcp.max-connections-per-address it is told so and closed, while clients from
 * other addresses are still taken, and a closed connection gives its place back.
 */
@TestPropertySource(properties = "socketcore.tcp.max-connections-per-address=2")
class ConnectionsPerAddressEndToEndTest extends RunningServerTest {

	@Autowired
	private ConnectionTracker tcpConnectionTracker;

	@Test
	void anAddressOverItsLimitIsToldBusyWhileOthersAreServed() throws IOException {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.tcpConnectionTracker.active() == 0);
		List<LineClient> clients = new ArrayList<>();
		try {
			connectAnswering(2, clients);
			try (LineClient refused = connect()) {
				assertThat(refused.readLine()).isEqualTo("ERR BUSY too many connections from your address");
				assertThat(refused.serverClosed()).isTrue();
			}
			try (LineClient elsewhere = new LineClient(tcpPort(), "127.0.0.2")) {
				assertThat(elsewhere.ask("PING")).isEqualTo("PONG");
			}
			clients.remove(0).close();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.tcpConnectionTracker.active() == 1);
			try (LineClient welcome = connect()) {
				assertThat(welcome.ask("PING")).isEqualTo("PONG");
			}
		}
		finally {
			for (LineClient client : clients) {
				client.close();
			}
		}
		assertThat(management().metric("socketcore.connections", "COUNT", "outcome:rejected")).isEqualTo(1);
	}

}
