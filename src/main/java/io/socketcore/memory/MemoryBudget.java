package io.socketcore.memory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One limit on the bytes that all clients together make the server hold: frames being
 * received, the text and numbers parsed from them, square jobs' results and the replies
 * being written, and connection buffers beyond their first kilobyte. Work that would
 * overdraw it is refused before it allocates anything, so that the sum over all clients
 * stays bounded (Redis's {@code maxmemory-clients} in spirit).
 * <p>
 * Each connection draws through its own {@link Account}, which holds a small allowance of
 * its own: a client's small requests never wait on the budget, so that clients with big
 * requests cannot starve them. The allowances are bounded by the connection limit, not by
 * the budget.
 */
public final class MemoryBudget {

	/** What the memory is for: the {@code use} tag of the refusal meter. */
	public enum Use {

		/** A frame while it arrives. */
		FRAME,
		/** A request's parsed text and its work (square results). */
		REQUEST,
		/** Connection buffers grown for clients that send or receive a lot at once. */
		BUFFER;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final long limit;

	private final AtomicLong used = new AtomicLong();

	private final Map<Use, LongAdder> refusals = new EnumMap<>(Use.class);

	public MemoryBudget(long limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("the memory budget must be positive, was " + limit);
		}
		this.limit = limit;
		for (Use use : Use.values()) {
			this.refusals.put(use, new LongAdder());
		}
	}

	/**
	 * A budget that never refuses: for the pure core's callers that have none (unit
	 * tests, benchmarks).
	 */
	public static MemoryBudget unlimited() {
		return new MemoryBudget(Long.MAX_VALUE);
	}

	public long limit() {
		return this.limit;
	}

	public long used() {
		return this.used.get();
	}

	/** How often memory for {@code use} was refused. */
	public long refusals(Use use) {
		return this.refusals.get(use).sum();
	}

	/**
	 * An account for one connection, with {@code allowance} bytes it may hold without
	 * drawing on the budget.
	 */
	public Account account(long allowance) {
		return new Account(this, allowance);
	}

	boolean tryReserve(long bytes, Use use) {
		long current;
		do {
			current = this.used.get();
			if (bytes > this.limit - current) {
				this.refusals.get(use).increment();
				return false;
			}
		}
		while (!this.used.compareAndSet(current, current + bytes));
		return true;
	}

	void release(long bytes) {
		this.used.addAndGet(-bytes);
	}

	/**
	 * What one connection holds. Used by the connection's own thread; {@link #close()}
	 * may come from another (shutdown, a write timeout), after which nothing more is
	 * reserved and everything held is returned.
	 */
	public static final class Account {

		private final MemoryBudget budget;

		private final long allowance;

		private long held;

		private boolean closed;

		Account(MemoryBudget budget, long allowance) {
			this.budget = budget;
			this.allowance = Math.max(0, allowance);
		}

		/**
		 * Reserves {@code bytes} more, from the allowance first and then from the budget.
		 * @return false, reserving nothing, if the budget cannot give them (or the
		 * account is closed)
		 */
		public synchronized boolean tryReserve(long bytes, Use use) {
			if (bytes <= 0) {
				return !this.closed;
			}
			if (this.closed) {
				return false;
			}
			long charge = overAllowance(this.held + bytes) - overAllowance(this.held);
			if (charge > 0 && !this.budget.tryReserve(charge, use)) {
				return false;
			}
			this.held += bytes;
			return true;
		}

		/** Returns {@code bytes} (at most what is held). */
		public synchronized void release(long bytes) {
			long remaining = Math.max(0, this.held - Math.max(0, bytes));
			this.budget.release(overAllowance(this.held) - overAllowance(remaining));
			this.held = remaining;
		}

		/** Returns everything held: the exchange it was held for is over. */
		public synchronized void releaseAll() {
			release(this.held);
		}

		/**
		 * Returns everything and reserves nothing from now on: the connection has closed.
		 */
		public synchronized void close() {
			releaseAll();
			this.closed = true;
		}

		public synchronized long held() {
			return this.held;
		}

		private long overAllowance(long bytes) {
			return Math.max(0, bytes - this.allowance);
		}

	}

}
