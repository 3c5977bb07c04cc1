package io.socketcore.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Clients of the original server: each request on a new connection (connect, send, read
 * the reply, close), from {@code concurrency} blocking threads in a closed loop.
 */
final class ChurnClient {

	private ChurnClient() {
	}

	static LoadClient.Result run(int port, int concurrency, byte[] request, String expectedReply, Duration warmUp,
			Duration measure) throws InterruptedException {
		byte[] expected = expectedReply.getBytes(StandardCharsets.UTF_8);
		long measureFrom = System.nanoTime() + warmUp.toNanos();
		long measureUntil = measureFrom + measure.toNanos();
		AtomicLong counted = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		Histogram histogram = new Histogram(3_600_000_000L, 3);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < concurrency; t++) {
			Thread thread = new Thread(() -> {
				Histogram own = new Histogram(3_600_000_000L, 3);
				byte[] buffer = new byte[4096];
				long now;
				while ((now = System.nanoTime()) < measureUntil) {
					boolean ok;
					try (Socket socket = new Socket("127.0.0.1", port)) {
						socket.setTcpNoDelay(true);
						socket.setSoTimeout(10_000);
						socket.getOutputStream().write(request);
						ok = readReply(socket.getInputStream(), buffer, expected);
					}
					catch (IOException ex) {
						ok = false;
					}
					long done = System.nanoTime();
					if (now >= measureFrom) {
						counted.incrementAndGet();
						if (!ok) {
							errors.incrementAndGet();
						}
						own.recordValue((done - now) / 1000);
					}
				}
				synchronized (histogram) {
					histogram.add(own);
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return new LoadClient.Result(counted.get(), measure.toNanos() / 1e9, histogram, errors.get(), -1, -1);
	}

	/**
	 * Reads until the expected reply has arrived (terminated or not: the original sends
	 * no newline).
	 */
	private static boolean readReply(InputStream in, byte[] buffer, byte[] expected) throws IOException {
		int length = 0;
		while (length < expected.length) {
			int read = in.read(buffer, length, buffer.length - length);
			if (read < 0) {
				break;
			}
			length += read;
		}
		return length >= expected.length
				&& java.util.Arrays.equals(buffer, 0, expected.length, expected, 0, expected.length);
	}

}
