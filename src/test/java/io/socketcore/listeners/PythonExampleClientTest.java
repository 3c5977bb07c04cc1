package io.socketcore.listeners;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented Python client, run as a user would run it, against the running service.
 * Skipped (and reported as skipped) where no {@code python3} is installed.
 */
class PythonExampleClientTest extends RunningServerTest {

	@Test
	void exampleClientGetsEveryExpectedReply() throws IOException, InterruptedException {
		Assumptions.assumeTrue(python3Available(), "python3 is not installed: the example client cannot run here");
		Path script = Path.of("examples", "python", "client.py");
		assertThat(script).exists();
		Process process = new ProcessBuilder("python3", script.toString(), "--host", "127.0.0.1", "--port",
				Integer.toString(tcpPort()))
			.redirectErrorStream(true)
			.start();
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
