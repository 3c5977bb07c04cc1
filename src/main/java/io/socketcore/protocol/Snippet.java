package io.socketcore.protocol;

/**
 * Shortens client input for error messages, so that an error line never echoes megabytes
 * back.
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
		int cut = start + MAX_CHARS;
		if (Character.isHighSurrogate(text.charAt(cut - 1))) {
			cut--;
		}
		return "'" + text.subSequence(start, cut) + "...' (" + length + " chars)";
	}

	/** At most {@code max} characters of {@code text}, marked with "..." when cut. */
	public static String shorten(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "...";
	}

	public static String of(CharSequence text) {
		return of(text, 0, text.length());
	}

}
