package io.socketcore.tcp;

import java.util.List;

/**
 * Every listener's settings, the default listener first, and whether their connections
 * run on virtual threads: together, the threads the connection executor must have.
 */
public record ListenerSpecs(List<ListenerSpec> all, boolean virtualThreads) {

	/**
	 * Threads beyond the connection limits: the accepting threads and connections being
	 * turned away.
	 */
	static final int EXTRA_THREADS = 64;

	/** The listener configured directly under {@code socketcore.tcp}. */
	public ListenerSpec defaultListener() {
		return this.all.get(0);
	}

	/** Those under {@code socketcore.tcp.listeners}, in their configured order. */
	public List<ListenerSpec> extraListeners() {
		return this.all.subList(1, this.all.size());
	}

	/** One per connection allowed, one per listener's accepting loop, and the extra. */
	int threads() {
		return (int) Math.min(Integer.MAX_VALUE - EXTRA_THREADS, ConnectionMemory.total(this.all) + this.all.size())
				+ EXTRA_THREADS;
	}

}
