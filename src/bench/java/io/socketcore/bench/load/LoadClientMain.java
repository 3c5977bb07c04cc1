package io.socketcore.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The load client alone, against a server started by hand (for profiling):
 * {@code LoadClientMain PORT CONNECTIONS DEPTH SECONDS [REQUEST]}.
 */
public final class LoadClientMain {

	private LoadClientMain() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String request = args.length > 4 ? args[4] : "HELLO";
		LoadClient.Result result = LoadClient.run(port, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
				(request + "\n").getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(2),
				Duration.ofSeconds(Long.parseLong(args[3])), "");
		System.out.printf(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms%n", result.perSecond(),
				result.latencyMicros().getValueAtPercentile(50) / 1000.0,
				result.latencyMicros().getValueAtPercentile(99) / 1000.0);
	}

}
