package io.socketcore.listeners;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.socketcore.support.RunningServerTest;
import io.socketcore.support.ThrowawayCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented Python client, run as a user would run it, against the running service:
 * on the default listener, on a listener of every other framing, and over TLS trusting
 * the server's certificate. Skipped (and reported as skipped) where no {@code python3} is
 * installed.
 */
class PythonExampleClientTest extends RunningServerTest {

	private static ThrowawayCertificates certificates;

	@DynamicPropertySource
	static void listeners(DynamicPropertyRegistry registry) throws Exception {
		certificates = ThrowawayCertificates.create();
		certificates.registerServerBundle(registry, "server");
		for (String framing : List.of("crlf", "stx-etx", "length-header")) {
			registry.add("socketcore.tcp.listeners." + framing + ".port", () -> "0");
			registry.add("socketcore.tcp.listeners." + framing + ".framing", () -> framing);
		}
		registry.add("socketcore.tcp.listeners.tls.port", () -> "0");
		registry.add("socketcore.tcp.listeners.tls.ssl-bundle", () -> "server");
	}

	@BeforeAll
	static void python3IsInstalled() {
		Assumptions.assumeTrue(python3Available(), "python3 is not installed: the example client cannot run here");
	}

	@ParameterizedTest
	@CsvSource({ "default, lf", "crlf, crlf", "stx-etx, stx-etx", "length-header, length-header", "tls, tls" })
	void exampleClientGetsEveryExpectedReply(String listener, String mode) throws IOException, InterruptedException {
		Path script = Path.of("examples", "python", "client.py");
		assertThat(script).exists();
		int port = listener.equals("default") ? tcpPort() : listenerPort(listener);
		List<String> command = new ArrayList<>(
				List.of("python3", script.toString(), "--host", "localhost", "--port", Integer.toString(port)));
		if (mode.equals("tls")) {
			command.addAll(List.of("--tls", "--cafile", certificates.file("server.pem").toString()));
		}
		else {
			command.addAll(List.of("--framing", mode));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("ok   SQUARE 1 2 3 4 5").contains("ok   QUIT").doesNotContain("FAIL");
	}

	private static boolean python3Available() {
		try {
			Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
			probe.getInputStream().readAllBytes();
			return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

}
