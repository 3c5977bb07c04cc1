package io.socketcore.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A JSON array of integers that ends its request, read straight from the frame's bytes:
 * the common shape of a big {@code square} ({@code ..."numbers":[1,-2,3]}}) is then
 * checked in one pass over its bytes instead of token by token through Jackson, and is
 * already a text-protocol list, taken as it stands.
 * <p>
 * Anything else (a number that is not a JSON integer, one too many or too long, a field
 * after the array, bad JSON) is declined, and the request is read by Jackson as before,
 * which finds the first error and names it.
 */
final class JsonIntegerList {

	/**
	 * A list taken from the frame.
	 *
	 * @param from index of its {@code [}
	 * @param to index after its {@code ]}
	 * @param count how many integers it holds
	 * @param lineBreaks whether it holds CR or LF, which the text protocol's lists do not
	 */
	record Span(int from, int to, int count, boolean lineBreaks) {

		/**
		 * The list as text-protocol text: JSON's blanks include line breaks, which a
		 * frame of another framing can hold; the text protocol's blanks are spaces and
		 * tabs.
		 */
		String text(byte[] frame) {
			return JsonIntegerList.text(frame, this.from, this.to, this.lineBreaks);
		}

	}

	private JsonIntegerList() {
	}

	/**
	 * The array of integers at {@code from} (its {@code [}), if it holds JSON integers
	 * alone, within the limits, and nothing follows it but the end of the request object;
	 * null otherwise.
	 */
	static Span read(byte[] frame, int from, NumberLimits limits) {
		int end = frame.length;
		int maxDigits = limits.maxDigits();
		int maxNumbers = limits.maxNumbers();
		boolean lineBreaks = false;
		int count = 0;
		int i = from + 1;
		while (i < end && isBlank(frame[i])) {
			lineBreaks |= isLineBreak(frame[i]);
			i++;
		}
		if (i < end && frame[i] == ']') {
			return closing(frame, from, i + 1, 0, lineBreaks);
		}
		while (i < end) {
			if (frame[i] == '-') {
				i++;
			}
			int digits = i;
			if (i >= end || frame[i] < '0' || frame[i] > '9') {
				return null;
			}
			if (frame[i++] != '0') {
				while (i < end && frame[i] >= '0' && frame[i] <= '9') {
					i++;
				}
			}
			if (i - digits > maxDigits || ++count > maxNumbers) {
				return null;
			}
			while (i < end && isBlank(frame[i])) {
				lineBreaks |= isLineBreak(frame[i]);
				i++;
			}
			if (i >= end) {
				return null;
			}
			byte next = frame[i++];
			if (next == ']') {
				return closing(frame, from, i, count, lineBreaks);
			}
			if (next != ',') {
				return null;
			}
			while (i < end && isBlank(frame[i])) {
				lineBreaks |= isLineBreak(frame[i]);
				i++;
			}
		}
		return null;
	}

	/**
	 * A span of the frame that holds integers and their separators alone (ASCII), as
	 * text-protocol text, its line breaks (if it may hold any) made blanks.
	 */
	static String text(byte[] frame, int from, int to, boolean lineBreaks) {
		String text = new String(frame, from, to - from, StandardCharsets.ISO_8859_1);
		return lineBreaks ? text.replace('\n', ' ').replace('\r', ' ') : text;
	}

	/** The span, if the request object ends right after it. */
	private static Span closing(byte[] frame, int from, int to, int count, boolean lineBreaks) {
		int i = to;
		while (i < frame.length && isBlank(frame[i])) {
			i++;
		}
		if (i >= frame.length || frame[i] != '}') {
			return null;
		}
		i++;
		while (i < frame.length && isBlank(frame[i])) {
			i++;
		}
		return (i == frame.length) ? new Span(from, to, count, lineBreaks) : null;
	}

	private static boolean isLineBreak(byte b) {
		return b == '\n' || b == '\r';
	}

	private static boolean isBlank(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

}
