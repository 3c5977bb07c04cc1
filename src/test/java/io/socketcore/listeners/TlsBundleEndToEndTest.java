package io.socketcore.listeners;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.socketcore.support.RunningServerTest;
import io.socketcore.support.ThrowawayCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS listeners take the whole SSL bundle: its options (protocols, ciphers) apply to
 * every connection, and with {@code reload-on-update} a certificate rotated on disk is
 * served to new connections without a restart, while connections already open carry on
 * with the old one.
 */
class TlsBundleEndToEndTest extends RunningServerTest {

	private static ThrowawayCertificates first;

	private static ThrowawayCertificates second;

	private static Path live;

	@DynamicPropertySource
	static void bundles(DynamicPropertyRegistry registry) throws Exception {
		first = ThrowawayCertificates.create();
		second = ThrowawayCertificates.create();
		live = Files.createTempDirectory("socketcore-rotating-").resolve("server.p12");
		Files.copy(first.file("server.p12"), live);
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
		registry.add("spring.ssl.bundle.jks.rotating.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.jks.rotating.keystore.location", () -> "file:" + live);
		registry.add("spring.ssl.bundle.jks.rotating.keystore.password", () -> ThrowawayCertificates.PASSWORD);
		registry.add("spring.ssl.bundle.jks.rotating.keystore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.strict.keystore.location", () -> "file:" + first.file("server.p12"));
		registry.add("spring.ssl.bundle.jks.strict.keystore.password", () -> ThrowawayCertificates.PASSWORD);
		registry.add("spring.ssl.bundle.jks.strict.keystore.type", () -> "PKCS12");
		registry.add("spring.ssl.bundle.jks.strict.options.enabled-protocols", () -> "TLSv1.2");
		registry.add("spring.ssl.bundle.jks.strict.options.ciphers", () -> "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
		registry.add("socketcore.tcp.listeners.rotating.port", () -> "0");
		registry.add("socketcore.tcp.listeners.rotating.ssl-bundle", () -> "rotating");
		registry.add("socketcore.tcp.listeners.strict.port", () -> "0");
		registry.add("socketcore.tcp.listeners.strict.ssl-bundle", () -> "strict");
	}

	@Test
	void aRotatedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
		X509Certificate before = certificate(first);
		X509Certificate after = certificate(second);
		assertThat(after).isNotEqualTo(before);
		try (SSLSocket old = connect(listenerPort("rotating"))) {
			assertThat(ping(old)).isEqualTo("PONG");
			assertThat(old.getSession().getPeerCertificates()[0]).isEqualTo(before);

			Path next = live.resolveSibling("next.p12");
			Files.copy(second.file("server.p12"), next);
			Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

			Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				try (SSLSocket fresh = connect(listenerPort("rotating"))) {
					assertThat(ping(fresh)).isEqualTo("PONG");
					assertThat(fresh.getSession().getPeerCertificates()[0]).isEqualTo(after);
				}
			});
			assertThat(ping(old)).as("a connection opened before the rotation carries on").isEqualTo("PONG");
		}
	}

	@Test
	void theBundlesOptionsApplyToEveryConnection() throws Exception {
		try (SSLSocket socket = connect(listenerPort("strict"))) {
			assertThat(ping(socket)).isEqualTo("PONG");
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
			assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
		}
		try (SSLSocket socket = connect(listenerPort("rotating"))) {
			assertThat(ping(socket)).isEqualTo("PONG");
			assertThat(socket.getSession().getProtocol()).as("without options, the JVM's best").isEqualTo("TLSv1.3");
		}
	}

	private static String ping(SSLSocket socket) throws IOException {
		socket.getOutputStream().write("PING\n".getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII), 1)
			.readLine();
	}

	/**
	 * A client that takes whatever certificate is presented: what is presented is what
	 * this test checks.
	 */
	private static SSLSocket connect(int port) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		} }, null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
		socket.setSoTimeout(30_000);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private static X509Certificate certificate(ThrowawayCertificates certificates) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(certificates.file("server.p12"))) {
			store.load(in, ThrowawayCertificates.PASSWORD.toCharArray());
		}
		Certificate certificate = store.getCertificate("server");
		return (X509Certificate) certificate;
	}

}
