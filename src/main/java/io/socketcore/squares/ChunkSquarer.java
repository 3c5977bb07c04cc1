package io.socketcore.squares;

/**
 * Parses, squares and formats the numbers of one {@link Chunk}: the unit of parallel
 * work.
 */
final class ChunkSquarer {

	private ChunkSquarer() {
	}

	/**
	 * Returns the squares of the chunk, separated by {@code separator}, without brackets.
	 * An unsigned integer of up to 18 digits, the common case, is read while its end is
	 * looked for, in one pass over its characters; anything else goes to
	 * {@link ExactSquare} whole.
	 */
	static String square(String list, Chunk chunk, int maxDigits, String separator) {
		StringBuilder out = new StringBuilder((chunk.end() - chunk.start()) * 2 + 16);
		int position = chunk.firstPosition();
		int i = chunk.start();
		int end = chunk.end();
		while (i < end) {
			char c = list.charAt(i);
			if (NumberListScanner.isSeparator(c)) {
				i++;
				continue;
			}
			int tokenStart = i;
			long value = 0;
			while (i < end && (c = list.charAt(i)) >= '0' && c <= '9') {
				value = value * 10 + (c - '0');
				i++;
			}
			int digits = i - tokenStart;
			boolean plainInteger = digits > 0 && digits <= ExactSquare.LONG_SAFE_DIGITS && digits <= maxDigits
					&& (i == end || NumberListScanner.isSeparator(list.charAt(i)));
			if (!plainInteger) {
				while (i < end && !NumberListScanner.isSeparator(list.charAt(i))) {
					i++;
				}
			}
			if (position > chunk.firstPosition()) {
				out.append(separator);
			}
			if (plainInteger) {
				ExactSquare.appendSquare(out, value);
			}
			else {
				ExactSquare.appendSquare(out, list, tokenStart, i, position, maxDigits);
			}
			position++;
		}
		return out.toString();
	}

}
