package io.socketcore.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Server and client certificates made for one test run with the JDK's own
 * {@code keytool}: no secret is committed, and nothing outlives the run.
 */
public final class ThrowawayCertificates {

	public static final String PASSWORD = "throwaway";

	private final Path directory;

	private ThrowawayCertificates(Path directory) {
		this.directory = directory;
	}

	public static ThrowawayCertificates create() throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("socketcore-tls-");
		directory.toFile().deleteOnExit();
		ThrowawayCertificates certificates = new ThrowawayCertificates(directory);
		certificates.keyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
		certificates.keyPair("client", "CN=socketcore-test-client", null);
		certificates.trust("server", "client-truststore.p12");
		certificates.trust("client", "server-truststore.p12");
		return certificates;
	}

	public Path file(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Registers an SSL bundle {@code name} (PKCS12) with the server's certificate, for a
	 * test's listener.
	 */
	public void registerServerBundle(org.springframework.test.context.DynamicPropertyRegistry registry, String name) {
		String prefix = "spring.ssl.bundle.jks." + name + ".keystore.";
		registry.add(prefix + "location", () -> "file:" + file("server.p12"));
		registry.add(prefix + "password", () -> PASSWORD);
		registry.add(prefix + "type", () -> "PKCS12");
	}

	/**
	 * The private key of {@code alias} (e.g. {@code server}) as PKCS#8 PEM, as a
	 * Kubernetes TLS Secret holds it.
	 */
	public String privateKeyPem(String alias) throws Exception {
		java.security.Key key = load(alias + ".p12").getKey(alias, PASSWORD.toCharArray());
		String base64 = java.util.Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded());
		return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
	}

	/**
	 * An SSL context that trusts the server, presenting the client certificate if
	 * {@code withClientCertificate}.
	 */
	public SSLContext clientContext(boolean withClientCertificate) throws Exception {
		KeyStore trust = load("client-truststore.p12");
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		KeyManagerFactory keyManagers = null;
		if (withClientCertificate) {
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(load("client.p12"), PASSWORD.toCharArray());
		}
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return context;
	}

	private KeyStore load(String name) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(file(name))) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private void keyPair(String alias, String subject, String extension) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", subject, "-validity", "2", "-storetype", "PKCS12", "-keystore",
				file(alias + ".p12").toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
		if (extension != null) {
			command.addAll(List.of("-ext", extension));
		}
		run(command);
		run(List.of(keytool(), "-exportcert", "-alias", alias, "-keystore", file(alias + ".p12").toString(),
				"-storepass", PASSWORD, "-rfc", "-file", file(alias + ".pem").toString()));
	}

	private void trust(String alias, String truststore) throws IOException, InterruptedException {
		run(List.of(keytool(), "-importcert", "-noprompt", "-alias", alias, "-file", file(alias + ".pem").toString(),
				"-storetype", "PKCS12", "-keystore", file(truststore).toString(), "-storepass", PASSWORD));
	}

	private static String keytool() {
		return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("keytool failed: " + output);
		}
	}

}
