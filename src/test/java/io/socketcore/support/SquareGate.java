package io.socketcore.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;

/**
 * Holds square chunks at the start of their run until the test opens the gate, so that
 * tests can look at a job while it is running, fill the queue, or let a job time out,
 * deterministically. Every task submitted to {@code squareExecutor} is recorded, to check
 * later whether it was cancelled.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SquareGate {

	private static volatile CountDownLatch open = new CountDownLatch(0);

	private static volatile CountDownLatch started = new CountDownLatch(0);

	private static final List<Runnable> submitted = new CopyOnWriteArrayList<>();

	/**
	 * Closes the gate; {@link #awaitStarted()} then waits for {@code expectedStarts} held
	 * chunks.
	 */
	public static void close(int expectedStarts) {
		submitted.clear();
		started = new CountDownLatch(expectedStarts);
		open = new CountDownLatch(1);
	}

	public static void open() {
		open.countDown();
	}

	public static boolean awaitStarted() throws InterruptedException {
		return started.await(30, TimeUnit.SECONDS);
	}

	public static List<Runnable> submitted() {
		return submitted;
	}

	public static boolean allSubmittedCancelled() {
		return !submitted.isEmpty()
				&& submitted.stream().allMatch(task -> task instanceof Future<?> future && future.isCancelled());
	}

	@Bean
	TaskDecorator squareGateDecorator() {
		return task -> {
			if (task instanceof Future<?>) {
				submitted.add(task);
			}
			return () -> {
				if (Thread.currentThread().getName().startsWith("square-")) {
					started.countDown();
					try {
						open.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				task.run();
			};
		};
	}

}
