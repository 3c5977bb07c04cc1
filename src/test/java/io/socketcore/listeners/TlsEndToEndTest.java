package io.socketcore.listeners;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.support.ThrowawayCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS listeners fed by Spring Boot SSL bundles, with and without client certificates,
 * talked to with real TLS sockets; a plain-text client on a TLS port gets nothing useful
 * and disturbs no one.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsEndToEndTest extends RunningServerTest {

	private static ThrowawayCertificates certificates;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		certificates = ThrowawayCertificates.create();
		certificates.registerServerBundle(registry, "server");
		registry.add("spring.ssl.bundle.jks.mutual.keystore.location", () -> "file:" + certificates.file("server.p12"));
		registry.add("spring.ssl.bundle.jks.mutual.keystore.password", () -> ThrowawayCertificates.PASSWORD);
		registry.add("spring.ssl.bundle.jks.mutual.keystore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.mutual.truststore.location",
				() -> "file:" + certificates.file("server-truststore.p12"));
		registry.add("spring.ssl.bundle.jks.mutual.truststore.password", () -> ThrowawayCertificates.PASSWORD);
		registry.add("spring.ssl.bundle.jks.mutual.truststore.type", () -> "PKCS12");
		registry.add("socketcore.tcp.listeners.tls.port", () -> "0");
		registry.add("socketcore.tcp.listeners.tls.ssl-bundle", () -> "server");
		registry.add("socketcore.tcp.listeners.mtls.port", () -> "0");
		registry.add("socketcore.tcp.listeners.mtls.ssl-bundle", () -> "mutual");
		registry.add("socketcore.tcp.listeners.mtls.client-auth", () -> "need");
	}

	@Test
	void tlsClientIsServed() throws Exception {
		try (SSLSocket socket = tlsSocket(listenerPort("tls"), certificates.clientContext(false))) {
			assertThat(exchange(socket, "HELLO TLS\nSQUARE 1 2 3\n{\"id\":\"t\",\"op\":\"ping\"}\n", 3))
				.containsExactly("Hello, TLS!", "[1, 4, 9]", "{\"id\":\"t\",\"result\":\"PONG\"}");
			assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
		}
	}

	@Test
	void clientCertificateIsRequiredWhereTheListenerNeedsIt() throws Exception {
		try (SSLSocket socket = tlsSocket(listenerPort("mtls"), certificates.clientContext(true))) {
			assertThat(exchange(socket, "PING\n", 1)).containsExactly("PONG");
			assertThat(socket.getSession().getLocalCertificates()).isNotEmpty();
		}
		assertThatThrownBy(() -> {
			try (SSLSocket socket = tlsSocket(listenerPort("mtls"), certificates.clientContext(false))) {
				exchange(socket, "PING\n", 1);
			}
		}).isInstanceOfAny(SSLException.class, IOException.class)
			.as("refused, not left hanging until the read timed out")
			.isNotInstanceOf(SocketTimeoutException.class);
	}

	@Test
	void plainTextClientOnTheTlsPortGetsNothingUsefulAndDisturbsNoOne() throws Exception {
		try (Socket plain = new Socket("127.0.0.1", listenerPort("tls"))) {
			plain.setSoTimeout(30_000);
			plain.getOutputStream().write("PING\n".getBytes(StandardCharsets.US_ASCII));
			byte[] answer = plain.getInputStream().readAllBytes();
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("PONG");
		}
		catch (SocketException resetByServer) {
			// a reset is nothing useful either; a read that timed out (the server
			// hanging) is no reset, and fails
		}
		try (SSLSocket socket = tlsSocket(listenerPort("tls"), certificates.clientContext(false));
				LineClient text = connect()) {
			assertThat(exchange(socket, "PING\n", 1)).containsExactly("PONG");
			assertThat(text.ask("PING")).isEqualTo("PONG");
		}
	}

	/**
	 * What clients do wrong (bytes that are no TLS, a reset) is counted, not logged as
	 * the server's error: otherwise every client could write a line of alarm per
	 * connection. The server logs before its connection's thread is given back, so once
	 * the pool's busy threads are down again the lines would be there.
	 */
	@Test
	void clientFailuresAreNoServerErrorsInTheLog(CapturedOutput output) throws Exception {
		int busyBefore = busyConnectionThreads();
		try (Socket plain = new Socket("127.0.0.1", listenerPort("tls"))) {
			plain.setSoTimeout(30_000);
			plain.getOutputStream().write("PING\n".getBytes(StandardCharsets.US_ASCII));
			plain.getInputStream().readAllBytes();
		}
		catch (SocketException resetByServer) {
			// ended either way
		}
		try (Socket resetting = new Socket("127.0.0.1", tcpPort())) {
			resetting.getOutputStream().write("PING\nSQUARE 1 2".getBytes(StandardCharsets.US_ASCII));
			assertThat(new BufferedReader(new InputStreamReader(resetting.getInputStream(), StandardCharsets.US_ASCII))
				.readLine()).isEqualTo("PONG");
			resetting.setSoLinger(true, 0);
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(busyConnectionThreads()).isLessThanOrEqualTo(busyBefore));
		assertThat(output.getAll().lines().filter(line -> line.contains(" ERROR ")))
			.as("error lines for what clients did")
			.isEmpty();
	}

	private int busyConnectionThreads() {
		return management().json("/actuator/threadpools").at("/tcpConnectionExecutor/state/active").asInt();
	}

	/**
	 * Each renegotiation would cost the server a private-key operation, as often as the
	 * client likes on one connection.
	 */
	@Test
	void aClientCannotRenegotiateOnTls12() throws Exception {
		try (SSLSocket socket = tlsSocket(listenerPort("tls"), certificates.clientContext(false))) {
			socket.setEnabledProtocols(new String[] { "TLSv1.2" });
			assertThat(exchange(socket, "PING\n", 1)).containsExactly("PONG");
			assertThatThrownBy(() -> {
				socket.startHandshake();
				exchange(socket, "PING\n", 1);
			}).isInstanceOfAny(SSLException.class, IOException.class);
		}
		try (SSLSocket socket = tlsSocket(listenerPort("tls"), certificates.clientContext(false))) {
			assertThat(exchange(socket, "PING\n", 1)).as("the listener serves the next client").containsExactly("PONG");
		}
	}

	private static SSLSocket tlsSocket(int port, SSLContext context) throws IOException {
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(30_000);
		return socket;
	}

	private static java.util.List<String> exchange(SSLSocket socket, String requests, int replies) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(requests.getBytes(StandardCharsets.UTF_8));
		out.flush();
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		java.util.List<String> lines = new java.util.ArrayList<>();
		for (int i = 0; i < replies; i++) {
			String line = in.readLine();
			if (line == null) {
				throw new IOException("connection closed after " + lines.size() + " replies");
			}
			lines.add(line);
		}
		return lines;
	}

}
