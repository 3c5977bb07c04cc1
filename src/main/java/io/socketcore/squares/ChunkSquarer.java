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
			while (i < end && !NumberListScanner.isSeparator(list.charAt(i))) {
				i++;
			}
			if (position > chunk.firstPosition()) {
				out.append(separator);
			}
			ExactSquare.appendSquare(out, list, tokenStart, i, position, maxDigits);
			position++;
		}
		return out.toString();
	}

}
