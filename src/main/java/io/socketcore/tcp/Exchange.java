package io.socketcore.tcp;

import io.socketcore.memory.MemoryBudget;

/**
 * What the flow is told about the exchange a request message belongs to, by the
 * connection it came on. It travels in the one header {@link ConnectionHeaders#EXCHANGE}:
 * the flow holds no thread-bound state, and a request message carries two headers beyond
 * Spring Integration's own, not one per fact.
 */
public interface Exchange {

	/**
	 * What the exchange is charged to: its frame, its parsed request, its work, its
	 * reply.
	 */
	MemoryBudget.Account memory();

	/**
	 * Whether the client has gone (end of stream or reset), found without blocking and
	 * without losing what it sent meanwhile; a job whose client has gone is cancelled.
	 * Only on the thread that handles the exchange.
	 */
	boolean clientGone();

	/**
	 * {@link System#nanoTime()} when the request's frame was read, for latency metrics.
	 */
	long receivedNanos();

	/**
	 * Whether the request arrived without a terminator (a client of the original Python
	 * server).
	 */
	boolean unterminated();

}
