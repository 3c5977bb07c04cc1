package io.socketcore.protocol;

/**
 * Shortens client input for error messages, so that an error line never echoes megabytes back.
 */
public final class Snippet {

	static final int MAX_CHARS = 40;

	private Snippet() {
	}

	public static String of(CharSequence text, int start, int end) {
		int length = end - start;
		if (length <= MAX_CHARS) {
			return "'" + text.subSequence(start, end) + "'";
		}
		return "'" + text.subSequence(start, start + MAX_CHARS) + "...' (" + length + " chars)";
	}

	public static String of(CharSequence text) {
		return of(text, 0, text.length());
	}

}
