package io.socketcore.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import io.socketcore.support.ManagementClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in a JVM of its own, run as the image runs it in a pod with the
 * chart's 1 GiB memory limit: a 768 MiB heap and {@code -XX:+ExitOnOutOfMemoryError}, so
 * that an {@code OutOfMemoryError} kills it as it would kill the pod; thread priorities
 * as nice values ({@code -XX:ThreadPriorityPolicy=1}), as the image sets them. Every
 * listener framing is open, each on a port of the operating system's choice, read back
 * from the start-up line.
 * <p>
 * The Java it runs on is {@code -Dattack.java}: a feature version (default {@code 25},
 * the image's) looked up among the JDKs installed beside the one running the tests, or
 * the path of a Java home; {@link #current} runs it on the tests' own Java.
 */
public final class PackagedServer implements AutoCloseable {

	public static final List<String> JVM_OPTIONS = List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError",
			"-XX:ThreadPriorityPolicy=1");

	/**
	 * Every framing, each on a listener of its own; the default listener is {@code lf}.
	 */
	static final Map<String, String> LISTENERS = Map.of("crlf", "crlf", "stx", "stx-etx", "binary", "length-header");

	private static final Pattern LISTENER_PORT = Pattern.compile("[^ ,]+:(\\d+) \\(([\\w-]+), ([\\w-]+)");

	private static final Pattern MANAGEMENT_PORT = Pattern.compile("management HTTP on (\\d+)");

	private final Process process;

	private final Map<String, Integer> ports;

	private final int managementPort;

	private final Deque output;

	private PackagedServer(Process process, Map<String, Integer> ports, int managementPort, Deque output) {
		this.process = process;
		this.ports = ports;
		this.managementPort = managementPort;
		this.output = output;
	}

	/** On the Java of {@code -Dattack.java}. */
	public static PackagedServer start(String... settings) throws IOException {
		return start(javaHome(), settings);
	}

	/** On the tests' own Java. */
	public static PackagedServer current(String... settings) throws IOException {
		return current(List.of(), settings);
	}

	/**
	 * On the tests' own Java, with JVM options after the pod's ({@code -Xmx} there
	 * replaces the pod's heap).
	 */
	public static PackagedServer current(List<String> jvmOptions, String... settings) throws IOException {
		return start(Path.of(System.getProperty("java.home")), jvmOptions, settings);
	}

	private static PackagedServer start(Path javaHome, String... settings) throws IOException {
		return start(javaHome, List.of(), settings);
	}

	private static PackagedServer start(Path javaHome, List<String> jvmOptions, String... settings) throws IOException {
		Path jar = jar();
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(JVM_OPTIONS);
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--socketcore.tcp.port=0", "--management.server.port=0"));
		LISTENERS.forEach((name, framing) -> {
			command.add("--socketcore.tcp.listeners." + name + ".port=0");
			command.add("--socketcore.tcp.listeners." + name + ".framing=" + framing);
		});
		for (String setting : settings) {
			command.add("--" + setting);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Deque output = new Deque();
		CompletableFuture<String> ready = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					output.add(line);
					if (line.contains("socketcore ready:")) {
						ready.complete(line);
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			ready.completeExceptionally(new IOException("the server exited before it was ready"));
		}, "attack-server-output");
		reader.setDaemon(true);
		reader.start();
		String readyLine;
		try {
			readyLine = ready.get(120, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			process.destroyForcibly();
			throw new IOException("the server did not start: " + command + "\n" + output.tail(), ex);
		}
		Map<String, Integer> ports = new LinkedHashMap<>();
		Matcher listener = LISTENER_PORT.matcher(readyLine);
		while (listener.find()) {
			ports.put(listener.group(2), Integer.parseInt(listener.group(1)));
		}
		Matcher management = MANAGEMENT_PORT.matcher(readyLine);
		if (!management.find() || !ports.keySet().containsAll(LISTENERS.keySet())) {
			process.destroyForcibly();
			throw new IOException("unexpected start-up line: " + readyLine);
		}
		return new PackagedServer(process, ports, Integer.parseInt(management.group(1)), output);
	}

	public int port(String listener) {
		return this.ports.get(listener);
	}

	/**
	 * A listener's effective setting as {@code /actuator/info} reports it
	 * ({@code maxFrameBytes}...).
	 */
	public int listenerSetting(String listener, String setting) {
		return management().json("/actuator/info").at("/socketcore/listeners/" + listener + "/" + setting).asInt();
	}

	public int managementPort() {
		return this.managementPort;
	}

	public ManagementClient management() {
		return new ManagementClient(this.managementPort);
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	/** What the server printed last, for failure messages. */
	public String outputTail() {
		return this.output.tail();
	}

	/**
	 * Once every client has gone, everything drawn on the memory budget must have been
	 * given back; then the server is stopped.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			if (this.process.isAlive()) {
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(management().metric("socketcore.memory.used", "VALUE"))
						.as("memory still drawn on the budget after every client left")
						.isZero());
			}
		}
		finally {
			stop();
		}
	}

	/**
	 * Sends SIGTERM, as Kubernetes does to stop a pod, and returns the process's exit
	 * status once it has ended (or -1 if it had to be killed after a minute).
	 */
	public int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
			return -1;
		}
		return this.process.exitValue();
	}

	private void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

	/** The jar that {@code package} built ({@code -Dattack.jar} to attack another). */
	public static Path jar() throws IOException {
		String given = System.getProperty("attack.jar");
		if (given != null && !given.isBlank()) {
			return Path.of(given);
		}
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("socketcore-.*\\.jar"))
				.filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IOException("no jar in target/: run the package phase first"));
		}
	}

	public static Path javaHome() throws IOException {
		String wanted = System.getProperty("attack.java", "25");
		if (!wanted.matches("\\d+")) {
			return Path.of(wanted);
		}
		int feature = Integer.parseInt(wanted);
		Path current = Path.of(System.getProperty("java.home"));
		if (Runtime.version().feature() == feature) {
			return current;
		}
		Path installed = current.toRealPath().getParent();
		try (Stream<Path> homes = Files.list(installed)) {
			Optional<Path> match = homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
				.filter(home -> featureVersion(home) == feature)
				.max(Comparator.naturalOrder());
			return match.orElseThrow(() -> new IOException("no Java " + feature + " beside " + current
					+ " (set -Dattack.java to a Java home or another feature version)"));
		}
	}

	private static int featureVersion(Path home) {
		try {
			for (String line : Files.readAllLines(home.resolve("release"))) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
					String major = version.split("[.+-]")[0];
					return Integer.parseInt(major.equals("1") ? version.split("\\.")[1] : major);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not a JDK we can read
		}
		return -1;
	}

	/** The last lines the server printed. */
	static final class Deque {

		private static final int KEPT = 60;

		private final ConcurrentLinkedDeque<String> lines = new ConcurrentLinkedDeque<>();

		void add(String line) {
			this.lines.add(line);
			while (this.lines.size() > KEPT) {
				this.lines.poll();
			}
		}

		String tail() {
			return String.join("\n", this.lines);
		}

	}

}
