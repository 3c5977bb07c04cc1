package io.socketcore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.socketcore.support.LineClient;
import io.socketcore.support.PackagedServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Run as the image runs it, the square pool's threads are nicer than the connections'
 * threads: when big jobs and small requests want the same cores, the kernel runs a
 * connection's thread first (docs/design.md, mixed load). Read from the kernel's own view
 * of each thread, {@code /proc}.
 */
class SquarePoolPriorityIT {

	@Test
	void theSquarePoolsThreadsYieldTheCoresToTheConnectionsThreads() throws IOException, InterruptedException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
		try (PackagedServer server = PackagedServer.current();
				LineClient client = new LineClient(server.port("default"))) {
			// More numbers than one chunk: the job runs on the pool, which starts its
			// threads.
			String numbers = IntStream.range(0, 100_000).mapToObj(Integer::toString).collect(Collectors.joining(" "));
			assertThat(client.ask("SQUARE " + numbers)).startsWith("[0, 1, 4, 9, ").endsWith(", 9999800001]");
			List<ThreadNice> threads = threads(server.pid());
			assertThat(threads).filteredOn(thread -> thread.name().startsWith("square-"))
				.as("the square pool's threads: priority 1 is nice 4")
				.isNotEmpty()
				.allSatisfy(thread -> assertThat(thread.nice()).isEqualTo(4));
			// A platform thread per connection (tcp-N), or a virtual one on a carrier
			// (ForkJoinPool-N-worker-M).
			assertThat(threads)
				.filteredOn(thread -> thread.name().matches("tcp-\\d+") || thread.name().startsWith("ForkJoinPool"))
				.as("the connections' threads: normal priority")
				.isNotEmpty()
				.allSatisfy(thread -> assertThat(thread.nice()).isZero());
		}
	}

	private static List<ThreadNice> threads(long pid) throws IOException {
		List<ThreadNice> threads = new ArrayList<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					String stat = Files.readString(task.resolve("stat"));
					// After the name in parentheses: state is field 3, nice field 19.
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					threads.add(new ThreadNice(name, Integer.parseInt(fields[16])));
				}
				catch (NoSuchFileException ex) {
					// the thread ended meanwhile
				}
			}
		}
		return threads;
	}

	private record ThreadNice(String name, int nice) {
	}

}
