package io.socketcore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.socketcore.support.RunningServerTest;
import io.socketcore.support.ThrowawayCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every shell example of the README and of {@code docs/} ({@code $ command} in a
 * {@code sh} block, followed by what it prints) run as a user runs it, with Debian's
 * {@code nc} (netcat-openbsd), {@code openssl} and {@code curl}, against a running
 * server: each must end by itself, soon, and print exactly what the page promises. Ports
 * 12345 (the default listener), 12346 (the TLS listener of docs/configuration.md) and
 * 8080 (Actuator) are those of the server under test.
 * <p>
 * Needs {@code nc}, {@code openssl} and {@code curl} on the PATH ({@code .ci/run}
 * installs them); skipped where they are missing.
 */
class ReadmeExamplesTest extends RunningServerTest {

	private static ThrowawayCertificates certificates;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		certificates = ThrowawayCertificates.create();
		certificates.registerServerBundle(registry, "socketcore");
		registry.add("socketcore.tcp.listeners.secure.port", () -> "0");
		registry.add("socketcore.tcp.listeners.secure.ssl-bundle", () -> "socketcore");
	}

	@BeforeAll
	static void clientsAreInstalled() throws Exception {
		assumeTrue(runs("nc -h 2>&1 | grep -qE -- '[[:space:]]-N[[:space:]]'"),
				"Debian's nc (netcat-openbsd) is not installed");
		assumeTrue(runs("openssl version"), "openssl is not installed");
		assumeTrue(runs("curl --version"), "curl is not installed");
	}

	@Test
	void everyShellExampleEndsAndPrintsWhatItsPagePromises() throws Exception {
		List<Example> examples = new ArrayList<>(examples(Files.readAllLines(Path.of("README.md"))));
		assertThat(examples).as("examples in the README").hasSizeGreaterThanOrEqualTo(3);
		try (Stream<Path> pages = Files.list(Path.of("docs"))) {
			for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
				examples.addAll(examples(Files.readAllLines(page)));
			}
		}
		assertThat(examples).as("examples in the README and docs/").hasSizeGreaterThanOrEqualTo(5);
		for (Example example : examples) {
			String command = example.command()
				.replace("localhost 12345", "localhost " + tcpPort())
				.replace("localhost:12346", "localhost:" + listenerPort("secure"))
				.replace("localhost:8080", "localhost:" + this.managementPort);
			Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
			boolean ended = process.waitFor(20, TimeUnit.SECONDS);
			if (!ended) {
				process.destroyForcibly();
			}
			assertThat(ended).as("'%s' ends by itself", example.command()).isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output).as("what '%s' prints", example.command()).isEqualTo(example.output());
		}
	}

	record Example(String command, String output) {
	}

	static List<Example> examples(List<String> readme) {
		List<Example> examples = new ArrayList<>();
		boolean inShell = false;
		String command = null;
		StringBuilder output = new StringBuilder();
		for (String line : readme) {
			if (line.startsWith("```")) {
				if (command != null) {
					examples.add(new Example(command, output.toString()));
					command = null;
				}
				inShell = !inShell && line.equals("```sh");
				continue;
			}
			if (!inShell) {
				continue;
			}
			if (line.startsWith("$ ")) {
				if (command != null) {
					examples.add(new Example(command, output.toString()));
				}
				command = line.substring(2);
				output.setLength(0);
			}
			else if (command != null) {
				output.append(line).append('\n');
			}
		}
		return examples;
	}

	private static boolean runs(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
	}

}
