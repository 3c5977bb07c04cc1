package io.socketcore.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.tcp.TcpListeners;
import io.socketcore.tcp.connection.ConnectionTracker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few minutes of mixed traffic, good and bad, against one server: every good request
 * must get its correct reply, and memory, threads and the connection count must come back
 * to where they started. Not part of {@code ./mvnw verify}: run it with
 * {@code ./mvnw -Psoak verify} ({@code -Dsoak.minutes=N}).
 */
@Tag("soak")
@TestPropertySource(properties = { "socketcore.tcp.max-line-bytes=64KB", "socketcore.squares.chunk-size=500" })
class SoakTest extends RunningServerTest {

	@Autowired
	private TcpListeners tcpListeners;

	@Autowired
	private ConnectionTracker tcpConnectionTracker;

	@Autowired
	private ThreadPoolTaskExecutor tcpConnectionExecutor;

	private final AtomicLong goodRequests = new AtomicLong();

	private final AtomicLong wrongReplies = new AtomicLong();

	private final AtomicLong badClients = new AtomicLong();

	@Test
	void mixedLoadLosesNothingAndMemoryStaysFlat() throws Exception {
		Duration duration = Duration.ofMinutes(Long.getLong("soak.minutes", 3));
		warmUp();
		long heapBefore = usedHeapAfterGc();
		int threadsBefore = Thread.activeCount();
		// each listener's accept loop holds one connection thread for the server's
		// lifetime
		int acceptLoops = this.tcpListeners.all().size();
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService clients = Executors.newFixedThreadPool(24);
		List<Future<?>> running = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			running.add(clients.submit(() -> goodClient(deadline)));
		}
		for (int i = 0; i < 8; i++) {
			running.add(clients.submit(() -> badClient(deadline)));
		}
		for (Future<?> client : running) {
			client.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
		}
		clients.shutdown();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> this.tcpConnectionTracker.active() == 0);
		long heapAfter = usedHeapAfterGc();
		System.out.printf(
				"soak: %s, %,d good requests, %,d wrong replies, %,d bad clients, heap after GC %,d KiB -> %,d KiB,"
						+ " threads %d -> %d%n",
				duration, this.goodRequests.get(), this.wrongReplies.get(), this.badClients.get(), heapBefore / 1024,
				heapAfter / 1024, threadsBefore, Thread.activeCount());
		assertThat(this.wrongReplies.get()).isZero();
		assertThat(this.goodRequests.get()).isPositive();
		assertThat(heapAfter).isLessThan(heapBefore + 64L * 1024 * 1024);
		// the connection threads (virtual ones too, which Thread.activeCount() cannot
		// see) have all ended their work,
		// leaving only the accept loops
		Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(this.tcpConnectionExecutor.getActiveCount()).isEqualTo(acceptLoops));
		Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 20));
	}

	private void warmUp() throws IOException {
		for (int i = 0; i < 200; i++) {
			try (LineClient client = connect()) {
				client.ask("SQUARE " + "7 ".repeat(2000));
			}
		}
	}

	private void goodClient(long deadline) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (System.nanoTime() < deadline) {
			try (LineClient client = connect()) {
				for (int i = 0; i < 200 && System.nanoTime() < deadline; i++) {
					long n = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
					int batch = 1 + random.nextInt(8);
					StringBuilder requests = new StringBuilder();
					for (int b = 0; b < batch; b++) {
						requests.append(b % 2 == 0 ? "SQUARE " + n + " " + b : "HELLO s" + b).append('\n');
					}
					client.sendRaw(requests.toString().getBytes(StandardCharsets.US_ASCII));
					for (int b = 0; b < batch; b++) {
						String expected = b % 2 == 0
								? "[" + java.math.BigInteger.valueOf(n).pow(2) + ", " + (long) b * b + "]"
								: "Hello, s" + b + "!";
						if (!expected.equals(client.readLine())) {
							this.wrongReplies.incrementAndGet();
						}
						this.goodRequests.incrementAndGet();
					}
				}
			}
			catch (IOException ex) {
				this.wrongReplies.incrementAndGet();
			}
		}
	}

	private void badClient(long deadline) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (System.nanoTime() < deadline) {
			this.badClients.incrementAndGet();
			try (Socket socket = new Socket("127.0.0.1", tcpPort())) {
				socket.setSoTimeout(30_000);
				byte[] junk = new byte[random.nextInt(1, 4096)];
				random.nextBytes(junk);
				switch (random.nextInt(5)) {
					case 0 -> socket.getOutputStream().write(junk);
					case 1 -> socket.getOutputStream()
						.write(("SQUARE " + "9".repeat(70_000) + "\n").getBytes(StandardCharsets.US_ASCII));
					case 2 -> socket.getOutputStream()
						.write(("SQUARE " + "1 ".repeat(20_000) + "\n").getBytes(StandardCharsets.US_ASCII));
					case 3 -> socket.getOutputStream()
						.write("SQUARE 1e999 NaN --5\nPI\0NG\n\n\r\n".getBytes(StandardCharsets.US_ASCII));
					default -> socket.getOutputStream().write(new byte[] { (byte) 0xC3, 0x28, '\n' });
				}
				// read a little, then leave without QUIT, sometimes in the middle of a
				// job
				socket.getInputStream().read(new byte[256]);
			}
			catch (IOException expectedForBadClients) {
				// resets and closes are part of the game
			}
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
