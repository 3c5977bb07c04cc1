package io.socketcore.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs socketcore and its baselines (a bare Netty line server, a bare blocking Java server, the thinnest
 * Spring Integration apps, the original Python server) one after the other on this machine, puts the same
 * load on each, and prints the figures side by side with their ratios.
 * <p>
 * Options (as {@code -Dload.args="..."} through Maven):
 * {@code --scenarios=hello,pipeline,churn,square,bigjob,idle,startup}, {@code --duration=10} and
 * {@code --warmup=10} (seconds; socketcore's longer Spring Integration path needs several seconds of load
 * before the JIT has compiled it), {@code --java=<java executable for the servers>}, {@code --idle=10000},
 * {@code --thin=false} (leaves out the thinnest Spring Integration apps), {@code --repeat=3} (runs the
 * persistent-connection scenarios three times, servers in turns, and keeps each server's median),
 * {@code --rounds=15} (big-job round trips measured), {@code --startup-runs=5}, {@code --compare-jar=<path>[,<path>...]}
 * (other builds of socketcore, run beside this one in the persistent-connection scenarios: what a change
 * costs, measured in the same run).
 */
public final class LoadBenchmark {

	/** Big jobs before timing starts: the JIT needs several passes over the square core to settle. */
	private static final int WARM_UP_ROUNDS = 15;

	private final Map<String, String> options;

	private final String java;

	private final String jar;

	private final Duration warmUp;

	private final Duration measure;

	private final List<String> table = new ArrayList<>();

	/** Whether to measure the thinnest Spring Integration apps too ({@code --thin=false} leaves them out). */
	private final boolean thin;

	/** How many times each persistent-connection scenario runs every server, in turns. */
	private final int repeat;

	private LoadBenchmark(Map<String, String> options) {
		this.options = options;
		this.java = options.getOrDefault("java", ProcessHandle.current().info().command().orElse("java"));
		this.jar = options.get("jar");
		this.warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
		this.measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "10")));
		this.thin = Boolean.parseBoolean(options.getOrDefault("thin", "true"));
		this.repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		new LoadBenchmark(options).run();
	}

	private void run() throws Exception {
		Set<String> scenarios = Set.of(this.options
			.getOrDefault("scenarios", "hello,pipeline,churn,square,bigjob,idle,startup")
			.split(","));
		System.out.printf("Machine: %d cores, %s; servers run on %s; client: Java NIO, one selector thread%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), this.java);
		header();
		if (scenarios.contains("hello")) {
			persistent("HELLO, 32 connections, 1 in flight", 32, 1, "HELLO\n", "Hello, client!", this.thin);
		}
		if (scenarios.contains("pipeline")) {
			persistent("HELLO, 32 connections, 16 in flight", 32, 16, "HELLO\n", "Hello, client!", this.thin);
		}
		if (scenarios.contains("square")) {
			String request = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString)
				.collect(Collectors.joining(" ", "SQUARE ", "\n"));
			persistent("SQUARE 1..1000, 8 connections, 1 in flight", 8, 1, request, "[1, 4, 9, 16", false);
		}
		if (scenarios.contains("churn")) {
			churn();
		}
		if (scenarios.contains("bigjob")) {
			bigJob();
		}
		if (scenarios.contains("idle")) {
			idle(Integer.parseInt(this.options.getOrDefault("idle", "10000")));
		}
		if (scenarios.contains("startup")) {
			startUp();
		}
		System.out.println();
		System.out.println("| scenario | server | result | p50 | p99 | ratio to baseline |");
		System.out.println("|---|---|---|---|---|---|");
		this.table.forEach(System.out::println);
	}

	private void add(String line) {
		System.out.println(line);
		this.table.add(line);
	}

	private void header() {
		System.out.printf("warm-up %ds, measurement %ds per server%n", this.warmUp.toSeconds(), this.measure.toSeconds());
	}

	private void persistent(String scenario, int connections, int depth, String request, String expected,
			boolean withThinnestIntegrationApps) throws Exception {
		byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
		List<StartCommand> servers = new ArrayList<>(List.of(() -> ServerProcess.netty(this.java),
				() -> ServerProcess.socketcore(this.java, this.jar, List.of()), () -> ServerProcess.blocking(this.java)));
		String compareJars = this.options.get("compare-jar");
		if (compareJars != null) {
			int at = 2;
			for (String compareJar : compareJars.split(",")) {
				servers.add(at++, () -> ServerProcess.socketcore("socketcore (" + compareJar + ")", this.java,
						compareJar, List.of()));
			}
		}
		if (withThinnestIntegrationApps) {
			servers.add(() -> ServerProcess.thinIntegration(this.java, false));
			servers.add(() -> ServerProcess.thinIntegration(this.java, true));
		}
		// In turns, --repeat times: the machine's noise then falls on every server alike, and the median is kept.
		List<List<LoadClient.Result>> results = new ArrayList<>();
		List<String> names = new ArrayList<>();
		servers.forEach(server -> results.add(new ArrayList<>()));
		for (int round = 0; round < this.repeat; round++) {
			for (int i = 0; i < servers.size(); i++) {
				try (ServerProcess server = servers.get(i).start()) {
					LoadClient.Result result = LoadClient.run(server.port, connections, depth, bytes, this.warmUp,
							this.measure, expected, server::cpuNanos);
					System.out.printf(Locale.ROOT, "  %s, %s, run %d: %,.0f req/s%n", scenario, server.name, round + 1,
							result.perSecond());
					results.get(i).add(result);
					if (round == 0) {
						names.add(server.name);
					}
				}
			}
		}
		LoadClient.Result baseline = null;
		for (int i = 0; i < servers.size(); i++) {
			List<LoadClient.Result> runs = new ArrayList<>(results.get(i));
			runs.sort(Comparator.comparingDouble(LoadClient.Result::perSecond));
			LoadClient.Result median = runs.get(runs.size() / 2);
			String label = this.repeat == 1 ? scenario : scenario + " (median of " + this.repeat + " runs in turns)";
			row(label, names.get(i), median, baseline);
			if (baseline == null) {
				baseline = median;
			}
		}
	}

	private void churn() throws Exception {
		String scenario = "HELLO, new connection per request, 32 clients";
		byte[] request = "HELLO\n".getBytes(StandardCharsets.US_ASCII);
		LoadClient.Result baseline;
		try (ServerProcess netty = ServerProcess.netty(this.java)) {
			baseline = ChurnClient.run(netty.port, 32, request, "Hello, client!", this.warmUp, this.measure);
			row(scenario, netty.name, baseline, null);
		}
		try (ServerProcess socketcore = ServerProcess.socketcore(this.java, this.jar, List.of())) {
			row(scenario, socketcore.name,
					ChurnClient.run(socketcore.port, 32, request, "Hello, client!", this.warmUp, this.measure), baseline);
		}
		if (this.thin) {
			for (boolean nio : new boolean[] { false, true }) {
				try (ServerProcess thin = ServerProcess.thinIntegration(this.java, nio)) {
					row(scenario, thin.name,
							ChurnClient.run(thin.port, 32, request, "Hello, client!", this.warmUp, this.measure), baseline);
				}
			}
		}
		try (ServerProcess python = ServerProcess.python()) {
			LoadClient.Result result = ChurnClient.run(python.port, 32, request, "Hello, client!", this.warmUp,
					this.measure);
			row(scenario, python.name, result, baseline);
			add(String.format(Locale.ROOT, "| (same) | socketcore vs original Python | | | | see rows above: %s |",
					"divide socketcore's rate by Python's"));
		}
	}

	private void bigJob() throws Exception {
		String request = IntStream.range(0, 1_000_000).mapToObj(Integer::toString)
			.collect(Collectors.joining(" ", "SQUARE ", "\n"));
		byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
		int rounds = Integer.parseInt(this.options.getOrDefault("rounds", "15"));
		double python = pythonPoolMap();
		add(String.format(Locale.ROOT,
				"| SQUARE of 1,000,000 integers | Python Pool().map(square, range(1_000_000)), in memory | %.3f s | | | baseline |",
				python));
		double floor;
		try (ServerProcess server = ServerProcess.transferFloor(this.java)) {
			double[] times = roundTrips(server.port, bytes, rounds);
			floor = times[times.length / 2];
			add(String.format(Locale.ROOT,
					"| SQUARE of 1,000,000 integers, TCP round trip (median of %d, best %.3f s) | %s | %.3f s | | | the part no square thread can shorten |",
					rounds, times[0], server.name, floor));
		}
		double oneThread = 0;
		for (int threads : new int[] { 1, 2 }) {
			try (ServerProcess socketcore = ServerProcess.socketcore(this.java, this.jar,
					List.of("socketcore.squares.executor.core-size=" + threads))) {
				double[] times = roundTrips(socketcore.port, bytes, rounds);
				double median = times[times.length / 2];
				if (threads == 1) {
					oneThread = median;
				}
				add(String.format(Locale.ROOT,
						"| SQUARE of 1,000,000 integers, TCP round trip (median of %d, best %.3f s) | socketcore, %d square thread%s | %.3f s | | | %.2fx Python's speed%s |",
						rounds, times[0], threads, threads == 1 ? "" : "s", median, python / median,
						threads == 2 ? String.format(Locale.ROOT, "; %.2fx one thread (%.2fx without the transfer floor)",
								oneThread / median, (oneThread - floor) / (median - floor)) : ""));
			}
		}
	}

	/** Times whole round trips; the reply is read as bytes, so that the client's own decoding is not timed. */
	private static double[] roundTrips(int port, byte[] request, int rounds) throws IOException {
		double[] times = new double[rounds];
		byte[] expectedEnd = "999998000001]\n".getBytes(StandardCharsets.US_ASCII);
		byte[] reply = new byte[32 << 20];
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(60_000);
			java.io.InputStream in = socket.getInputStream();
			for (int i = -WARM_UP_ROUNDS; i < rounds; i++) {
				long start = System.nanoTime();
				socket.getOutputStream().write(request);
				int length = 0;
				while (length == 0 || reply[length - 1] != '\n') {
					int read = in.read(reply, length, reply.length - length);
					if (read < 0) {
						throw new IOException("connection closed during the big job's reply");
					}
					length += read;
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				boolean ok = length > 20 && new String(reply, 0, 11, StandardCharsets.US_ASCII).equals("[0, 1, 4, 9")
						&& Arrays.equals(reply, length - expectedEnd.length, length, expectedEnd, 0, expectedEnd.length);
				if (!ok) {
					throw new IOException("unexpected reply to the big job: "
							+ new String(reply, 0, Math.min(80, length), StandardCharsets.US_ASCII));
				}
				if (i >= 0) {
					times[i] = seconds;
				}
			}
		}
		Arrays.sort(times);
		return times;
	}

	private static double pythonPoolMap() throws IOException, InterruptedException {
		Process process = new ProcessBuilder("python3", "bench/pool_map.py").redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (process.waitFor() != 0) {
			throw new IOException("bench/pool_map.py failed: " + output);
		}
		return Double.parseDouble(output);
	}

	private void idle(int idleConnections) throws Exception {
		String scenario = String.format(Locale.ROOT, "HELLO, 32 connections, beside %,d idle ones", idleConnections);
		byte[] request = "HELLO\n".getBytes(StandardCharsets.US_ASCII);
		LoadClient.Result baseline = null;
		for (boolean isNetty : new boolean[] { true, false }) {
			try (ServerProcess server = isNetty ? ServerProcess.netty(this.java)
					: ServerProcess.socketcore(this.java, this.jar,
							List.of("socketcore.tcp.max-connections=" + (idleConnections + 1000)))) {
				long before = server.residentKib();
				List<SocketChannel> idle = new ArrayList<>(idleConnections);
				try {
					for (int i = 0; i < idleConnections; i++) {
						idle.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port)));
					}
					LoadClient.Result result = LoadClient.run(server.port, 32, 1, request, this.warmUp, this.measure,
							"Hello, client!", server::cpuNanos);
					long after = server.residentKib();
					row(scenario + String.format(Locale.ROOT, " (server RSS +%.1f KiB per idle connection)",
							(after - before) / (double) idleConnections), server.name, result, baseline);
					if (isNetty) {
						baseline = result;
					}
				}
				finally {
					for (SocketChannel channel : idle) {
						channel.close();
					}
				}
			}
		}
	}

	/**
	 * Start-up to the first reply, each server started {@code --startup-runs} times (default 5) in turns,
	 * so that the machine's noise falls on all of them alike; the median is printed.
	 */
	private void startUp() throws Exception {
		int runs = Integer.parseInt(this.options.getOrDefault("startup-runs", "5"));
		Map<String, StartCommand> servers = new LinkedHashMap<>();
		servers.put("bare Netty", () -> ServerProcess.netty(this.java));
		servers.put("thinnest Spring Integration app (Tcp.netServer, Actuator; classpath of jars)",
				() -> ServerProcess.thinIntegration(this.java, false));
		servers.put("socketcore (classpath of jars, as in the image)", () -> ServerProcess.socketcoreOnClasspath(this.java));
		servers.put("socketcore (java -jar, nested jars)", () -> ServerProcess.socketcore(this.java, this.jar, List.of()));
		Map<String, double[]> seconds = new LinkedHashMap<>();
		servers.keySet().forEach(name -> seconds.put(name, new double[runs]));
		for (int run = 0; run < runs; run++) {
			for (Map.Entry<String, StartCommand> server : servers.entrySet()) {
				try (ServerProcess process = server.getValue().start()) {
					seconds.get(server.getKey())[run] = process.startSeconds;
				}
			}
		}
		double netty = median(seconds.get("bare Netty"));
		double thinnest = median(seconds.get(servers.keySet().toArray(String[]::new)[1]));
		seconds.forEach((name, times) -> {
			double median = median(times);
			String ratio = name.equals("bare Netty") ? "baseline"
					: String.format(Locale.ROOT, "%.1fx Netty's; %.2fx the thinnest app's", median / netty, median / thinnest);
			add(String.format(Locale.ROOT, "| start-up to first reply (median of %d) | %s | %.2f s | | | %s |", runs, name,
					median, ratio));
		});
	}

	@FunctionalInterface
	private interface StartCommand {

		ServerProcess start() throws IOException;

	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private void row(String scenario, String server, LoadClient.Result result, LoadClient.Result baseline) {
		String cpu = result.serverCpuMicrosPerRequest() < 0 ? ""
				: String.format(Locale.ROOT, ", server CPU %.1f µs/req", result.serverCpuMicrosPerRequest());
		String line = String.format(Locale.ROOT, "| %s | %s | %,.0f req/s%s%s | %.2f ms | %.2f ms | %s |", scenario, server,
				result.perSecond(), cpu, result.errors() > 0 ? " (" + result.errors() + " bad replies!)" : "",
				result.latencyMicros().getValueAtPercentile(50) / 1000.0,
				result.latencyMicros().getValueAtPercentile(99) / 1000.0,
				baseline == null ? "baseline" : String.format(Locale.ROOT, "%.2fx", result.perSecond() / baseline.perSecond()));
		System.out.println(line);
		this.table.add(line);
	}

}
