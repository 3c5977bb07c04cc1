package io.socketcore.tcp.connection;

/**
 * How a connection ended: the {@code outcome} tag of {@code socketcore.connections}. The
 * tag values are a public contract (dashboards and alerts match on them).
 */
public enum CloseOutcome {

	/** The client closed (or reset) the connection. */
	CLIENT_CLOSED("client_closed"),
	/**
	 * The server closed it after its reply: {@code QUIT}, or an unterminated exchange.
	 */
	SERVER_CLOSED("server_closed"),
	/** The client sent nothing for the listener's idle timeout. */
	IDLE_TIMEOUT("idle_timeout"),
	/** The client stopped reading a reply for {@code socketcore.tcp.write-timeout}. */
	WRITE_TIMEOUT("write_timeout"),
	/** The service shut down. */
	SHUTDOWN("shutdown"),
	/** Turned away on arrival: the listener was at its connection limit. */
	REJECTED("rejected"),
	/** A frame longer than the listener allows. */
	FRAME_TOO_LARGE("frame_too_large"),
	/** Bytes that do not follow the listener's framing. */
	BAD_FRAME("bad_frame"),
	/** A frame the memory budget could not hold. */
	BUSY("busy"),
	/** The connection failed otherwise (an I/O error). */
	ERROR("error");

	private final String tag;

	CloseOutcome(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
