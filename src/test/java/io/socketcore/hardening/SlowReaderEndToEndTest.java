package io.socketcore.hardening;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLSocket;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.support.ThrowawayCertificates;
import io.socketcore.support.WriteUntilClosed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading its replies pins neither a thread nor memory for longer
 * than the write timeout: its connection is closed and counted
 * ({@code outcome=write_timeout}), on plain TCP and on TLS, while other clients are
 * served.
 */
class SlowReaderEndToEndTest extends RunningServerTest {

	private static ThrowawayCertificates certificates;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) throws Exception {
		certificates = ThrowawayCertificates.create();
		registry.add("socketcore.tcp.write-timeout", () -> "1s");
		certificates.registerServerBundle(registry, "server");
		registry.add("socketcore.tcp.listeners.tls.port", () -> "0");
		registry.add("socketcore.tcp.listeners.tls.ssl-bundle", () -> "server");
	}

	@Test
	void aClientThatStopsReadingIsClosedAfterTheWriteTimeout() throws Exception {
		try (Socket stalled = new Socket()) {
			stalled.setReceiveBufferSize(4096);
			stalled.connect(new java.net.InetSocketAddress("127.0.0.1", tcpPort()));
			assertStalledClientIsClosed(stalled, "default");
		}
	}

	@Test
	void aTlsClientThatStopsReadingIsClosedAfterTheWriteTimeout() throws Exception {
		Socket plain = new Socket();
		plain.setReceiveBufferSize(4096);
		plain.connect(new java.net.InetSocketAddress("127.0.0.1", listenerPort("tls")));
		try (SSLSocket stalled = (SSLSocket) certificates.clientContext(false)
			.getSocketFactory()
			.createSocket(plain, "127.0.0.1", listenerPort("tls"), true)) {
			stalled.startHandshake();
			assertStalledClientIsClosed(stalled, "tls");
		}
	}

	private void assertStalledClientIsClosed(Socket stalled, String listener) throws Exception {
		double closedBefore = management().metric("socketcore.connections", "COUNT", "listener:" + listener,
				"outcome:write_timeout");
		byte[] request = ("SQUARE " + "123456789 ".repeat(2000) + "\n").getBytes(StandardCharsets.US_ASCII);
		CompletableFuture<Void> writing = WriteUntilClosed.start(stalled, request);
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(management().metric("socketcore.connections", "COUNT", "listener:" + listener,
					"outcome:write_timeout"))
				.isGreaterThan(closedBefore);
		});
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(writing::isDone);
		try (LineClient other = connect()) {
			assertThat(other.ask("PING")).isEqualTo("PONG");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(management().metric("socketcore.memory.used", "VALUE")).isZero());
	}

}
