package io.socketcore.protocol;

/**
 * Every error a client can receive, as the {@code CODE} of an {@code ERR CODE message}
 * line. The names are a public contract: clients match on them.
 */
public enum ErrorCode {

	/** A token in a {@code SQUARE} list is not a plain integer or decimal. */
	BAD_NUMBER,
	/**
	 * A {@code SQUARE} list has more numbers than {@code socketcore.squares.max-numbers}.
	 */
	TOO_MANY_NUMBERS,
	/** A number has more digits than {@code socketcore.squares.max-digits}. */
	NUMBER_TOO_LONG,
	/** The first word of the line is not a command. */
	UNKNOWN_COMMAND,
	/** The line is empty or holds only blanks. */
	EMPTY_REQUEST,
	/** The line is not valid UTF-8. */
	BAD_ENCODING,
	/** The line holds a control character (NUL, a lone CR, ESC...). */
	BAD_CHARACTER,
	/**
	 * The line is longer than the listener's maximum frame size; the connection is
	 * closed.
	 */
	FRAME_TOO_LARGE,
	/**
	 * The bytes do not follow the listener's framing (no STX on an STX/ETX listener); the
	 * connection is closed.
	 */
	BAD_FRAME,
	/** A JSON request line is not valid JSON. */
	BAD_JSON,
	/**
	 * A JSON request is valid JSON but not a valid request (no {@code op},
	 * {@code numbers} not an array...).
	 */
	BAD_REQUEST,
	/**
	 * A request that arrived without its terminator and was followed by silence (see
	 * {@code socketcore.tcp.unterminated-timeout}): it may have been cut, so nothing was
	 * computed; the connection is closed.
	 */
	INCOMPLETE_REQUEST,
	/**
	 * The server is at a limit (connections, square queue, memory budget); try again
	 * later.
	 */
	BUSY,
	/** The request took longer than allowed and was cancelled. */
	TIMEOUT,
	/** The server failed unexpectedly; details are in its log, never on the wire. */
	INTERNAL

}
