package io.socketcore.tcp;

/**
 * Message headers through which the flow and the connection talk about one exchange.
 */
public final class ConnectionHeaders {

	/** {@code true} on a request that arrived without a terminator (a client of the original Python server). */
	public static final String UNTERMINATED = "socketcore_unterminated";

	/** Set on a reply after which the server closes the connection ({@code QUIT}, unterminated exchanges). */
	public static final String CLOSE_AFTER_REPLY = "socketcore_closeAfterReply";

	/** {@link System#nanoTime()} when the request's frame was read, for latency metrics. */
	public static final String RECEIVED_NANOS = "socketcore_receivedNanos";

	/**
	 * The connection's {@link io.socketcore.memory.MemoryBudget.Account} for this exchange: what the flow
	 * allocates for the request (parsed text, square results) is charged to it, and returned when the reply
	 * has been written.
	 */
	public static final String MEMORY = "socketcore_memory";

	private ConnectionHeaders() {
	}

}
