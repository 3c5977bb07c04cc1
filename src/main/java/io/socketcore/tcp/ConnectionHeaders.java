package io.socketcore.tcp;

/**
 * Message headers through which the flow and the connection talk about one exchange.
 */
public final class ConnectionHeaders {

	/**
	 * The request's {@link Exchange}: its memory account, its client's presence, when it
	 * was read.
	 */
	public static final String EXCHANGE = "socketcore_exchange";

	/**
	 * Set on a reply after which the server closes the connection ({@code QUIT},
	 * unterminated exchanges).
	 */
	public static final String CLOSE_AFTER_REPLY = "socketcore_closeAfterReply";

	private ConnectionHeaders() {
	}

}
