package io.socketcore.squares;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

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

	/** How often a waiting job looks whether its client has gone. */
	static final Duration ABANDON_CHECK = Duration.ofMillis(50);

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
		return square(list, () -> false);
	}

	/**
	 * As {@link #square(String)}, checking {@code abandoned} while waiting for the chunks: when it turns
	 * true (the client disconnected), the job's remaining chunks are cancelled.
	 */
	public Squares square(String list, BooleanSupplier abandoned) {
		Dispatcher dispatcher = new Dispatcher(list);
		int count;
		try {
			count = NumberListScanner.scan(list, this.chunkSize, this.limits, dispatcher::accept);
		}
		catch (RuntimeException ex) {
			cancel(dispatcher.tasks);
			throw ex;
		}
		if (count == 0) {
			return new Squares("[]", 0);
		}
		if (dispatcher.tasks.isEmpty()) {
			return new Squares("[" + ChunkSquarer.square(list, dispatcher.first, this.limits.maxDigits()) + "]", count);
		}
		return new Squares(join(collect(dispatcher.tasks, abandoned)), count);
	}

	/**
	 * Submits chunks as the scan finds them. The first is held back: if it stays the only one, the job runs
	 * on the calling thread, where handing it to the pool would cost more than the work.
	 */
	private final class Dispatcher {

		private final String list;

		private final List<FutureTask<String>> tasks = new ArrayList<>();

		private Chunk first;

		Dispatcher(String list) {
			this.list = list;
		}

		void accept(Chunk chunk) {
			if (this.first == null) {
				this.first = chunk;
				return;
			}
			if (this.tasks.isEmpty()) {
				submit(this.first);
			}
			submit(chunk);
		}

		private void submit(Chunk chunk) {
			int maxDigits = ParallelSquarer.this.limits.maxDigits();
			FutureTask<String> task = new FutureTask<>(() -> ChunkSquarer.square(this.list, chunk, maxDigits));
			try {
				ParallelSquarer.this.executor.execute(task);
			}
			catch (RejectedExecutionException ex) {
				throw new RequestException(ErrorCode.BUSY, "the square executor's queue is full; try again later");
			}
			this.tasks.add(task);
		}

	}

	/**
	 * The squares of a list in Python's notation, and how many numbers were squared.
	 */
	public record Squares(String text, int count) {
	}

	private List<String> collect(List<FutureTask<String>> tasks, BooleanSupplier abandoned) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<String> parts = new ArrayList<>(tasks.size());
		try {
			for (FutureTask<String> task : tasks) {
				parts.add(awaitChunk(task, deadline, abandoned));
			}
			return parts;
		}
		catch (TimeoutException ex) {
			cancel(tasks);
			throw new RequestException(ErrorCode.TIMEOUT,
					"the job took longer than " + this.timeout.toMillis() + " ms and was cancelled");
		}
		catch (AbandonedException ex) {
			cancel(tasks);
			throw new RequestException(ErrorCode.TIMEOUT, "the client left; the job was cancelled");
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

	/** Waits for one chunk, looking every {@link #ABANDON_CHECK} whether the client is still there. */
	private static String awaitChunk(FutureTask<String> task, long deadline, BooleanSupplier abandoned)
			throws InterruptedException, ExecutionException, TimeoutException {
		while (true) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new TimeoutException();
			}
			try {
				return task.get(Math.min(remaining, ABANDON_CHECK.toNanos()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				if (abandoned.getAsBoolean()) {
					throw new AbandonedException();
				}
			}
		}
	}

	private static final class AbandonedException extends RuntimeException {

		AbandonedException() {
			super(null, null, false, false);
		}

	}

	private static void cancel(List<FutureTask<String>> tasks) {
		tasks.forEach(task -> task.cancel(true));
	}

	/** One copy into a string of the exact size (a builder would copy twice, through a larger buffer). */
	private static String join(List<String> parts) {
		StringJoiner out = new StringJoiner(", ", "[", "]");
		parts.forEach(out::add);
		return out.toString();
	}

}
