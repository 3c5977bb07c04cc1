package io.socketcore.protocol;

/**
 * The two ways a client may speak: text lines (protocol v1) or JSON objects. A request is
 * answered in the dialect it was asked in, errors included: the parser
 * ({@link RequestParser}) and the formatters take the dialect from here, and so does the
 * transport for the errors it finds before parsing (framing, limits).
 */
public enum Dialect {

	/** {@code SQUARE 1 2 3} answered {@code [1, 4, 9]}. */
	TEXT(", "),
	/** {@code {"op":"square","numbers":[1,2,3]}} answered {@code {"result":[1,4,9]}}. */
	JSON(",");

	private final String listSeparator;

	Dialect(String listSeparator) {
		this.listSeparator = listSeparator;
	}

	/** What separates the numbers of a list in this dialect's replies. */
	public String listSeparator() {
		return this.listSeparator;
	}

	/** JSON if the frame's first non-blank byte is <code>{</code>, else text. */
	public static Dialect of(byte[] frame) {
		return of(frame, 0, frame.length);
	}

	/**
	 * The dialect of the frame that begins at {@code from}, from its bytes up to
	 * {@code to}.
	 */
	public static Dialect of(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b != ' ' && b != '\t') {
				return (b == '{') ? JSON : TEXT;
			}
		}
		return TEXT;
	}

	/**
	 * The reply as this dialect writes it.
	 * @param jsonId the JSON request's {@code id} (as JSON text) to echo, or null
	 */
	public WireReply format(Reply reply, String jsonId) {
		return (this == JSON) ? JsonRequests.format(reply, jsonId) : TextReplyFormatter.format(reply);
	}

	/**
	 * An error this dialect's way: {@code ERR CODE message}, or a JSON object with its
	 * {@code error}.
	 */
	public WireReply error(ErrorCode code, String message) {
		return format(Reply.failure(code, message), null);
	}

}
