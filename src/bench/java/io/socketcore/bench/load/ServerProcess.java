package io.socketcore.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.socketcore.bench.thin.ThinnestIntegrationApp;

/**
 * A server under test, in its own process, started fresh for each measurement.
 */
final class ServerProcess implements AutoCloseable {

	/** Linux's USER_HZ, 100 on every common architecture. */
	private static final long CLOCK_TICKS_PER_SECOND = 100;

	final String name;

	final int port;

	final Process process;

	final double startSeconds;

	private ServerProcess(String name, int port, Process process, double startSeconds) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.startSeconds = startSeconds;
	}

	static ServerProcess socketcore(String java, String jar, List<String> properties) throws IOException {
		return socketcore("socketcore" + (properties.isEmpty() ? "" : " " + properties), java, jar, properties);
	}

	/**
	 * socketcore from {@code jar} with {@code settings}: application properties
	 * ({@code key=value}) and options of its JVM (starting with {@code -}).
	 */
	static ServerProcess socketcore(String name, String java, String jar, List<String> settings) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(java));
		settings.stream().filter(setting -> setting.startsWith("-")).forEach(command::add);
		command.addAll(List.of("-jar", jar, "--socketcore.tcp.port=" + port, "--management.server.port=" + freePort(),
				"--logging.level.root=WARN"));
		settings.stream().filter(setting -> !setting.startsWith("-")).forEach(property -> command.add("--" + property));
		return start(name, port, command);
	}

	/**
	 * socketcore from the benchmark's classpath of plain jars, as the thinnest app runs:
	 * start-up compared fairly.
	 */
	static ServerProcess socketcoreOnClasspath(String java) throws IOException {
		int port = freePort();
		// Without the test classes: their test configurations, and the thinnest app,
		// would be component-scanned.
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		return start("socketcore (classpath)", port,
				List.of(java, "-cp", classpath, "io.socketcore.SocketcoreApplication", "--socketcore.tcp.port=" + port,
						"--management.server.port=" + freePort(), "--logging.level.root=WARN"));
	}

	static ServerProcess netty(String java) throws IOException {
		int port = freePort();
		return start("bare Netty", port, List.of(java, "-cp", System.getProperty("java.class.path"),
				NettyLineServer.class.getName(), Integer.toString(port)));
	}

	/**
	 * The thinnest Spring Integration app, blocking ({@code Tcp.netServer}) or
	 * selector-based ({@code nio}).
	 */
	static ServerProcess thinIntegration(String java, boolean nio) throws IOException {
		int port = freePort();
		return start("thinnest Spring Integration app, " + (nio ? "Tcp.nioServer" : "Tcp.netServer"), port,
				List.of(java, "-cp", System.getProperty("java.class.path"), ThinnestIntegrationApp.class.getName(),
						Integer.toString(port), nio ? "nio" : "net", Integer.toString(freePort())));
	}

	/**
	 * socketcore's request path behind the gateway on Netty's event loop:
	 * {@link EventLoopGatewayServer}, a message per line ({@code lines}) or per read
	 * ({@code batches}), or the thinnest Spring Integration flow in its place
	 * ({@code thinnest}).
	 */
	static ServerProcess eventLoopGateway(String java, String mode) throws IOException {
		int port = freePort();
		String name = switch (mode) {
			case "batches" -> "socketcore's gateway on Netty's event loop, batches";
			case "thinnest" -> "thinnest Spring Integration flow on Netty's event loop";
			default -> "socketcore's gateway on Netty's event loop";
		};
		return start(name, port, List.of(java, "-cp", System.getProperty("java.class.path"),
				EventLoopGatewayServer.class.getName(), Integer.toString(port), mode));
	}

	/**
	 * The thread-per-connection model without a framework: {@link BlockingLineServer}.
	 */
	static ServerProcess blocking(String java) throws IOException {
		int port = freePort();
		return start("bare blocking Java server", port, List.of(java, "-cp", System.getProperty("java.class.path"),
				BlockingLineServer.class.getName(), Integer.toString(port)));
	}

	/**
	 * {@link BlockingLineServer} with a virtual thread per connection (Java 21 and
	 * later).
	 */
	static ServerProcess blockingVirtual(String java) throws IOException {
		int port = freePort();
		return start("bare blocking Java server, virtual threads", port,
				List.of(java, "-cp", System.getProperty("java.class.path"), BlockingLineServer.class.getName(),
						Integer.toString(port), "virtual"));
	}

	/** The feature version of the Java at {@code java} (its {@code release} file). */
	static int featureVersion(String java) {
		try {
			Path release = Path.of(java).toRealPath().getParent().getParent().resolve("release");
			for (String line : Files.readAllLines(release)) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.replaceAll("[^0-9.]", "");
					return Integer.parseInt(version.split("\\.")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// unknown: taken as the oldest supported
		}
		return 17;
	}

	/** The big job's I/O floor: {@link TransferFloorServer}. */
	static ServerProcess transferFloor(String java) throws IOException {
		int port = freePort();
		return start("transfer floor (canned reply, no parsing or squaring)", port, List.of(java, "-cp",
				System.getProperty("java.class.path"), TransferFloorServer.class.getName(), Integer.toString(port)));
	}

	static ServerProcess python() throws IOException {
		int port = freePort();
		return start("original Python", port,
				List.of("python3", "src/bench/python/original_server.py", Integer.toString(port)));
	}

	private static ServerProcess start(String name, int port, List<String> command) throws IOException {
		Path log = Files.createTempFile("bench-server-", ".log");
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = started + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException(name + " exited at start-up; its output is in " + log);
			}
			if (answersPing(port)) {
				return new ServerProcess(name, port, process, (System.nanoTime() - started) / 1e9);
			}
			try {
				Thread.sleep(5); // polling an external process for readiness; nothing to
									// wait on
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
		process.destroyForcibly();
		throw new IOException(name + " did not answer within 60 s; its output is in " + log);
	}

	/**
	 * True once the server accepts a connection and answers a request with a line or some
	 * bytes.
	 */
	private static boolean answersPing(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			return in.read() >= 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Resident memory of the server process, in KiB (Linux). */
	long residentKib() throws IOException {
		for (String line : Files.readAllLines(new File("/proc/" + this.process.pid() + "/status").toPath())) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	/**
	 * CPU time (user and system) the server process has used so far, in nanoseconds
	 * (Linux); -1 if unknown.
	 */
	long cpuNanos() {
		try {
			String stat = Files.readString(Path.of("/proc/" + this.process.pid() + "/stat"));
			// the fields after the command name, which is in parentheses and may hold
			// blanks
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
