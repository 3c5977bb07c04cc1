package io.socketcore.e2e;

import java.math.BigInteger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskDecorator;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million numbers over TCP, checked one by one, and proof (by a rendezvous, not by
 * timing) that the job ran on several square threads at once.
 */
@Import(BigJobEndToEndTest.OverlapProbe.class)
@TestPropertySource(properties = { "socketcore.squares.executor.core-size=2", "socketcore.squares.chunk-size=10000" })
class BigJobEndToEndTest extends RunningServerTest {

	@Test
	void millionNumberJobIsExactAndRunsOnSeveralSquareThreadsAtOnce() throws Exception {
		StringBuilder request = new StringBuilder("SQUARE [");
		for (int i = 0; i < 1_000_000; i++) {
			request.append(i == 0 ? "" : ",").append(number(i));
		}
		request.append(']');

		String reply;
		try (LineClient client = connect()) {
			reply = client.ask(request.toString());
		}

		assertThat(reply).startsWith("[").endsWith("]");
		String[] squares = reply.substring(1, reply.length() - 1).split(", ");
		assertThat(squares).hasSize(1_000_000);
		for (int i = 0; i < squares.length; i++) {
			BigInteger n = BigInteger.valueOf(number(i));
			if (!squares[i].equals(n.multiply(n).toString())) {
				assertThat(squares[i]).as("square of number %d", i).isEqualTo(n.multiply(n).toString());
			}
		}
		assertThat(OverlapProbe.overlapped).as("two square tasks met while both were running").isTrue();
		assertThat(OverlapProbe.threads).hasSizeGreaterThanOrEqualTo(2);
	}

	/** Mostly small numbers, some negative, and some whose squares overflow a long. */
	private static long number(int i) {
		if (i % 1000 == 0) {
			return (long) i * 4_000_000_007L;
		}
		return (i % 7 == 0) ? -i : i;
	}

	/**
	 * Holds the first two square tasks until both have started: possible only on two
	 * threads at once.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class OverlapProbe {

		static final CountDownLatch bothStarted = new CountDownLatch(2);

		static final AtomicBoolean overlapped = new AtomicBoolean();

		static final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Bean
		TaskDecorator overlapProbe() {
			return task -> () -> {
				// Spring Boot applies TaskDecorator beans to its own executors too: probe
				// only ours.
				if (!Thread.currentThread().getName().startsWith("square-")) {
					task.run();
					return;
				}
				threads.add(Thread.currentThread().getName());
				bothStarted.countDown();
				try {
					if (bothStarted.await(30, TimeUnit.SECONDS)) {
						overlapped.set(true);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				task.run();
			};
		}

	}

}
