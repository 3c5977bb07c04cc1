package io.socketcore.squares;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * Squares a number list exactly, splitting it into chunks that are parsed, squared and
 * formatted in parallel on an {@link Executor}, and returns the chunks in order, for the
 * reply to be written from them (never joined into one string: a job's results are
 * charged, and held, once).
 * <p>
 * A list that fits in one chunk is squared on the calling thread: handing it to a pool
 * would cost more than the work. Plain Java, no Spring: the executor is given by the
 * caller.
 */
public final class ParallelSquarer {

	/**
	 * Lists at least this long are scanned on the pool when the caller is a virtual
	 * thread: scanning millions of characters it would hold its carrier, and every other
	 * connection would wait (the JVM never preempts a virtual thread), where the pool's
	 * platform threads share the cores fairly with the carriers.
	 */
	static final int OFFLOADED_SCAN_CHARS = 256 * 1024;

	/** How often a waiting job looks whether its client has gone. */
	static final Duration ABANDON_CHECK = Duration.ofMillis(50);

	private final Executor executor;

	private final int chunkSize;

	private final int chunkChars;

	private final NumberLimits limits;

	private final Duration timeout;

	private static final MemoryBudget.Account UNLIMITED = MemoryBudget.unlimited().account(0);

	/**
	 * A squarer whose chunks are bounded by their count of numbers alone.
	 */
	public ParallelSquarer(Executor executor, int chunkSize, NumberLimits limits, Duration timeout) {
		this(executor, chunkSize, Integer.MAX_VALUE, limits, timeout);
	}

	/**
	 * @param chunkSize most numbers in one chunk
	 * @param chunkChars characters of list text after which a chunk ends, whatever its
	 * count
	 */
	public ParallelSquarer(Executor executor, int chunkSize, int chunkChars, NumberLimits limits, Duration timeout) {
		if (chunkSize < 1 || chunkChars < 1) {
			throw new IllegalArgumentException("chunkSize and chunkChars must be at least 1");
		}
		this.executor = executor;
		this.chunkSize = chunkSize;
		this.chunkChars = chunkChars;
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
	 * Squares a list, its numbers separated by {@code separator} in the result, after
	 * charging the job's results to {@code account} (the memory budget refuses it with
	 * {@code BUSY} before any work) and checking its count. While waiting for the chunks
	 * it checks {@code clientGone}: when that turns true (the client disconnected), the
	 * job's remaining chunks are cancelled.
	 */
	public Squares square(String list, String separator, BooleanSupplier clientGone, MemoryBudget.Account account) {
		return square(list, false, separator, clientGone, account);
	}

	/**
	 * As {@link #square(String, String, BooleanSupplier, MemoryBudget.Account)}; a list
	 * its reader has already {@code counted} against the limit is not counted again
	 * before the scan (which still refuses one number too many, after its chunks have
	 * started).
	 */
	public Squares square(String list, boolean counted, String separator, BooleanSupplier clientGone,
			MemoryBudget.Account account) {
		if (!account.tryReserve(workingSetBytes(list), MemoryBudget.Use.REQUEST)) {
			throw new RequestException(ErrorCode.BUSY, "the server cannot hold this job's results now (its memory "
					+ "for requests is in use); try again later");
		}
		Dispatcher dispatcher = new Dispatcher(list, separator, counted);
		int count = (list.length() >= OFFLOADED_SCAN_CHARS && onVirtualThread()) ? scanOnThePool(dispatcher, clientGone)
				: scan(dispatcher);
		if (count == 0) {
			return new Squares(List.of(), separator, 0);
		}
		if (dispatcher.tasks.isEmpty()) {
			return new Squares(List.of(ChunkSquarer.square(list, dispatcher.first, this.limits.maxDigits(), separator)),
					separator, count);
		}
		return new Squares(collect(dispatcher.tasks, clientGone), separator, count);
	}

	/** {@code Thread.isVirtual()}, which Java 17 does not have; null there. */
	private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

	private static MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	static boolean onVirtualThread() {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Scans the list, submitting its chunks as they are found; on failure, cancels those
	 * submitted.
	 */
	private int scan(Dispatcher dispatcher) {
		String list = dispatcher.list;
		try {
			if (!dispatcher.counted && list.length() >= 2L * this.limits.maxNumbers()) {
				NumberListScanner.checkCount(list, this.limits.maxNumbers());
			}
			return NumberListScanner.scan(list, this.chunkSize, this.chunkChars, this.limits, dispatcher::accept);
		}
		catch (RuntimeException ex) {
			cancel(dispatcher.tasks);
			throw ex;
		}
	}

	/**
	 * {@link #scan} as a task of the pool, waited for as the chunks are; the chunks are
	 * complete after it.
	 */
	private int scanOnThePool(Dispatcher dispatcher, BooleanSupplier clientGone) {
		FutureTask<Integer> scan = new FutureTask<>(() -> scan(dispatcher));
		try {
			this.executor.execute(scan);
		}
		catch (RejectedExecutionException ex) {
			throw new RequestException(ErrorCode.BUSY, "the square executor's queue is full; try again later");
		}
		try {
			return awaitChunk(scan, System.nanoTime() + this.timeout.toNanos(), clientGone);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RequestException requestException) {
				throw requestException;
			}
			throw new IllegalStateException("scanning the list failed", ex.getCause());
		}
		catch (TimeoutException | AbandonedException | InterruptedException | CancellationException ex) {
			// the scan stops at its next chunk and cancels the chunks it submitted
			dispatcher.cancelled = true;
			scan.cancel(false);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new RequestException(ErrorCode.TIMEOUT,
					(ex instanceof AbandonedException) ? "the client left; the job was cancelled"
							: "the job took longer than " + this.timeout.toMillis() + " ms and was cancelled");
		}
	}

	/**
	 * What a job over {@code list} holds at most: its results, no more than twice the
	 * list's characters (a square has at most twice the digits of its number, and a
	 * separator of two characters replaces one of at least one), plus the chunks being
	 * built, no more than the list again.
	 */
	static long workingSetBytes(String list) {
		return 3L * list.length() + 1024;
	}

	/**
	 * Submits chunks as the scan finds them. The first is held back: if it stays the only
	 * one, the job runs on the calling thread, where handing it to the pool would cost
	 * more than the work.
	 */
	private final class Dispatcher {

		private final String list;

		private final String separator;

		private final boolean counted;

		private final List<FutureTask<String>> tasks = new ArrayList<>();

		private Chunk first;

		/**
		 * Set when the job is given up while its list is still being scanned on the pool.
		 */
		volatile boolean cancelled;

		Dispatcher(String list, String separator, boolean counted) {
			this.list = list;
			this.separator = separator;
			this.counted = counted;
		}

		void accept(Chunk chunk) {
			if (this.cancelled) {
				throw new AbandonedException();
			}
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
			FutureTask<String> task = new FutureTask<>(
					() -> ChunkSquarer.square(this.list, chunk, maxDigits, separator));
			try {
				ParallelSquarer.this.executor.execute(task);
			}
			catch (RejectedExecutionException ex) {
				throw new RequestException(ErrorCode.BUSY, "the square executor's queue is full; try again later");
			}
			this.tasks.add(task);
			// The scan of a big list runs on the connection's thread; on a virtual thread
			// it would hold its
			// carrier from the first chunk to the last, and the other connections wait.
			Thread.yield();
		}

	}

	/**
	 * The squares of a list in order, in chunks whose squares are separated by
	 * {@code separator}, and how many numbers were squared.
	 */
	public record Squares(List<String> chunks, String separator, int count) {

		/**
		 * The squares in list notation, e.g. {@code [1, 4, 9]} (one copy of everything:
		 * for small lists).
		 */
		public String text() {
			return "[" + String.join(this.separator, this.chunks) + "]";
		}

	}

	private List<String> collect(List<FutureTask<String>> tasks, BooleanSupplier clientGone) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<String> parts = new ArrayList<>(tasks.size());
		try {
			for (FutureTask<String> task : tasks) {
				parts.add(awaitChunk(task, deadline, clientGone));
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
			// Someone else cancelled a chunk (the pool shutting down): this thread was
			// not interrupted, and
			// must not be, or a virtual thread's socket would close at its next read.
			cancel(tasks);
			throw new RequestException(ErrorCode.TIMEOUT, "the job was cancelled");
		}
	}

	/**
	 * Waits for one chunk, looking every {@link #ABANDON_CHECK} whether the client is
	 * still there.
	 */
	private static <T> T awaitChunk(FutureTask<T> task, long deadline, BooleanSupplier clientGone)
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
				if (clientGone.getAsBoolean()) {
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
