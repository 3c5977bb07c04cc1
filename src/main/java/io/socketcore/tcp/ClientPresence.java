package io.socketcore.tcp;

/**
 * Lets work done on a connection's own thread (a long {@code SQUARE} job) ask whether the client is still
 * there, so that a client that disconnects stops costing CPU. Each connection has its own thread, which
 * reads, handles and answers its requests in turn; the connection is bound to that thread while it runs.
 */
public final class ClientPresence {

	private static final ThreadLocal<BatchingTcpNetConnection> CURRENT = new ThreadLocal<>();

	private ClientPresence() {
	}

	/** True if the current thread serves a connection whose client has gone; false outside connections. */
	public static boolean currentClientGone() {
		BatchingTcpNetConnection connection = CURRENT.get();
		return connection != null && connection.clientGone();
	}

	static void attach(BatchingTcpNetConnection connection) {
		CURRENT.set(connection);
	}

	static void detach() {
		CURRENT.remove();
	}

}
