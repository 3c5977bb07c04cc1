package io.socketcore.protocol;

/**
 * The two ways a client may speak: text lines (protocol v1) or JSON objects. A request is answered in the
 * dialect it was asked in.
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
		for (byte b : frame) {
			if (b != ' ' && b != '\t') {
				return (b == '{') ? JSON : TEXT;
			}
		}
		return TEXT;
	}

}
