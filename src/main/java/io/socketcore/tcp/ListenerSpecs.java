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

	/** One per connection allowed, one per listener's accepting loop, and the extra. */
	int threads() {
		return (int) Math.min(Integer.MAX_VALUE - EXTRA_THREADS, PlatformThreadMemory.total(this.all) + this.all.size())
				+ EXTRA_THREADS;
	}

}
