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
import java.util.function.BooleanSupplier;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.RequestException;

/**
 * Squares a number list exactly, splitting it into chunks that are parsed, squared and formatted in
 * parallel on an {@link Executor}, and returns the chunks in order, for the reply to be written from them
 * (never joined into one string: a job's results are charged, and held, once).
 * <p>
 * A list that fits in one chunk is squared on the calling thread: handing it to a pool would cost more
 * than the work. Plain Java, no Spring: the executor is given by the caller.
 */
public final class ParallelSquarer {

	/** How often a waiting job looks whether its client has gone. */
	static final Duration ABANDON_CHECK = Duration.ofMillis(50);

	private final Executor executor;

	private final int chunkSize;

	private final NumberLimits limits;

	private final Duration timeout;

	private static final MemoryBudget.Account UNLIMITED = MemoryBudget.unlimited().account(0);

	public ParallelSquarer(Executor executor, int chunkSize, NumberLimits limits, Duration timeout) {
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
	 * @return the squares in Python's notation, e.g. {@code "[1, 4, 9]"}, and their count
	 * @throws RequestException for bad input, a full queue ({@code BUSY}) or a timeout
	 */
	public Squares square(String list) {
		return square(list, ", ", () -> false, UNLIMITED);
	}

	/**
	 * Squares a list, its numbers separated by {@code separator} in the result, after charging the job's
	 * results to {@code account} (the memory budget refuses it with {@code BUSY} before any work) and checking
	 * its count. While waiting for the chunks it checks {@code abandoned}: when that turns true (the client
	 * disconnected), the job's remaining chunks are cancelled.
	 */
	public Squares square(String list, String separator, BooleanSupplier abandoned, MemoryBudget.Account account) {
		if (!account.tryReserve(workingSetBytes(list), MemoryBudget.Use.REQUEST)) {
			throw new RequestException(ErrorCode.BUSY, "the server cannot hold this job's results now (its memory "
					+ "for requests is in use); try again later");
		}
		if (list.length() >= 2L * this.limits.maxNumbers()) {
			NumberListScanner.checkCount(list, this.limits.maxNumbers());
		}
		Dispatcher dispatcher = new Dispatcher(list, separator);
		int count;
		try {
			count = NumberListScanner.scan(list, this.chunkSize, this.limits, dispatcher::accept);
		}
		catch (RuntimeException ex) {
			cancel(dispatcher.tasks);
			throw ex;
		}
		if (count == 0) {
			return new Squares(List.of(), separator, 0);
		}
		if (dispatcher.tasks.isEmpty()) {
			return new Squares(List.of(ChunkSquarer.square(list, dispatcher.first, this.limits.maxDigits(), separator)),
					separator, count);
		}
		return new Squares(collect(dispatcher.tasks, abandoned), separator, count);
	}

	/**
	 * What a job over {@code list} holds at most: its results, no more than twice the list's characters
	 * (a square has at most twice the digits of its number, and a separator of two characters replaces one of
	 * at least one), plus the chunks being built, no more than the list again.
	 */
	static long workingSetBytes(String list) {
		return 3L * list.length() + 1024;
	}

	/**
	 * Submits chunks as the scan finds them. The first is held back: if it stays the only one, the job runs
	 * on the calling thread, where handing it to the pool would cost more than the work.
	 */
	private final class Dispatcher {

		private final String list;

		private final String separator;

		private final List<FutureTask<String>> tasks = new ArrayList<>();

		private Chunk first;

		Dispatcher(String list, String separator) {
			this.list = list;
			this.separator = separator;
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
			String separator = this.separator;
			FutureTask<String> task = new FutureTask<>(() -> ChunkSquarer.square(this.list, chunk, maxDigits,
					separator));
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
	 * The squares of a list in order, in chunks whose squares are separated by {@code separator}, and how many
	 * numbers were squared.
	 */
	public record Squares(List<String> chunks, String separator, int count) {

		/** The squares in list notation, e.g. {@code [1, 4, 9]} (one copy of everything: for small lists). */
		public String text() {
			return "[" + String.join(this.separator, this.chunks) + "]";
		}

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
		catch (InterruptedException ex) {
			cancel(tasks);
			Thread.currentThread().interrupt();
			throw new RequestException(ErrorCode.TIMEOUT, "the job was cancelled");
		}
		catch (CancellationException ex) {
			// Someone else cancelled a chunk (the pool shutting down): this thread was not interrupted, and
			// must not be, or a virtual thread's socket would close at its next read.
			cancel(tasks);
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

}
