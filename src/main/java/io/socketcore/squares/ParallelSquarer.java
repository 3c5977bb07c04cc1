package io.socketcore.squares;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.RequestException;

/**
 * Squares a number list exactly, splitting it into chunks that are parsed, squared and formatted in
 * parallel on an {@link Executor}, then joined in order into Python's list notation.
 * <p>
 * A list that fits in one chunk is squared on the calling thread: handing it to a pool would cost more
 * than the work. Plain Java, no Spring: the executor is given by the caller.
 */
public final class ParallelSquarer {

	private final Executor executor;

	private final int chunkSize;

	private final SquareLimits limits;

	private final Duration timeout;

	public ParallelSquarer(Executor executor, int chunkSize, SquareLimits limits, Duration timeout) {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunkSize must be at least 1");
		}
		this.executor = executor;
		this.chunkSize = chunkSize;
		this.limits = limits;
		this.timeout = timeout;
	}

	/**
	 * @param list the text after the {@code SQUARE} command, e.g. {@code "[1, 2, 3]"}
	 * @return the squares, e.g. {@code "[1, 4, 9]"}, and their count
	 * @throws RequestException for bad input, a full queue ({@code BUSY}) or a timeout
	 */
	public Squares square(String list) {
		NumberListScanner.NumberList numbers = NumberListScanner.scan(list, this.chunkSize, this.limits);
		List<Chunk> chunks = numbers.chunks();
		if (chunks.isEmpty()) {
			return new Squares("[]", 0);
		}
		if (chunks.size() == 1) {
			return new Squares("[" + ChunkSquarer.square(list, chunks.get(0), this.limits.maxDigits()) + "]",
					numbers.count());
		}
		List<FutureTask<String>> tasks = submit(list, chunks);
		return new Squares(join(collect(tasks), list.length()), numbers.count());
	}

	/**
	 * The squares of a list in Python's notation, and how many numbers were squared.
	 */
	public record Squares(String text, int count) {
	}

	private List<FutureTask<String>> submit(String list, List<Chunk> chunks) {
		List<FutureTask<String>> tasks = new ArrayList<>(chunks.size());
		int maxDigits = this.limits.maxDigits();
		try {
			for (Chunk chunk : chunks) {
				FutureTask<String> task = new FutureTask<>(() -> ChunkSquarer.square(list, chunk, maxDigits));
				tasks.add(task);
				this.executor.execute(task);
			}
		}
		catch (RejectedExecutionException ex) {
			cancel(tasks);
			throw new RequestException(ErrorCode.BUSY,
					"the square executor's queue is full; try again later");
		}
		return tasks;
	}

	private List<String> collect(List<FutureTask<String>> tasks) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<String> parts = new ArrayList<>(tasks.size());
		try {
			for (FutureTask<String> task : tasks) {
				parts.add(task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			return parts;
		}
		catch (TimeoutException ex) {
			cancel(tasks);
			throw new RequestException(ErrorCode.TIMEOUT,
					"the job took longer than " + this.timeout.toMillis() + " ms and was cancelled");
		}
		catch (ExecutionException ex) {
			cancel(tasks);
			if (ex.getCause() instanceof RequestException requestException) {
				throw requestException;
			}
			throw new IllegalStateException("square chunk failed", ex.getCause());
		}
		catch (InterruptedException | CancellationException ex) {
			cancel(tasks);
			Thread.currentThread().interrupt();
			throw new RequestException(ErrorCode.TIMEOUT, "the job was cancelled");
		}
	}

	private static void cancel(List<FutureTask<String>> tasks) {
		tasks.forEach(task -> task.cancel(true));
	}

	private static String join(List<String> parts, int sizeHint) {
		StringBuilder out = new StringBuilder(sizeHint * 2 + 2);
		out.append('[');
		for (int i = 0; i < parts.size(); i++) {
			if (i > 0) {
				out.append(", ");
			}
			out.append(parts.get(i));
		}
		return out.append(']').toString();
	}

}
