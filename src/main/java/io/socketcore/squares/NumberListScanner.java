package io.socketcore.squares;

import java.util.function.Consumer;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.RequestException;

/**
 * Finds the shape of a number list in one cheap sequential pass, so that the expensive
 * work (parsing, squaring, formatting) can run in parallel chunks, each started as soon
 * as the scan has passed it.
 * <p>
 * Grammar: numbers separated by blanks and/or one comma, optionally inside {@code [ ]},
 * one trailing comma allowed (as in Python's {@code [1, 2, 3,]}). The scanner checks the
 * list structure and the count; each number's own syntax is checked by
 * {@link ChunkSquarer}.
 */
final class NumberListScanner {

	private NumberListScanner() {
	}

	/**
	 * Checks the list's structure and size, handing each chunk to {@code onChunk} as soon
	 * as its end is found, so that the chunks can be squared while the rest of the list
	 * is still being scanned. A chunk ends after {@code chunkSize} numbers, or earlier
	 * once its text has reached {@code chunkChars} characters: a chunk's work grows with
	 * its digits, not only with its count (a number of 1000 digits costs as much as
	 * hundreds of short ones).
	 * @return how many numbers the list holds
	 */
	static int scan(String list, int chunkSize, int chunkChars, NumberLimits limits, Consumer<Chunk> onChunk) {
		int from = skipBlanks(list, 0);
		int to = trimBlanks(list, from, list.length());
		if (from < to && list.charAt(from) == '[') {
			if (list.charAt(to - 1) != ']' || to - from < 2) {
				throw new RequestException(ErrorCode.BAD_NUMBER, "the list opens with '[' but does not end with ']'");
			}
			from = skipBlanks(list, from + 1);
			to = trimBlanks(list, from, to - 1);
		}
		else if (from < to && list.charAt(to - 1) == ']') {
			throw new RequestException(ErrorCode.BAD_NUMBER, "the list ends with ']' but does not open with '['");
		}
		int count = 0;
		boolean commaPending = false;
		int chunkStart = -1;
		int chunkEnd = -1;
		int chunkFirstPosition = 0;
		int chunkCount = 0;
		int i = from;
		while (i < to) {
			char c = list.charAt(i);
			if (isBlank(c)) {
				i++;
				continue;
			}
			if (c == ',') {
				if (count == 0 || commaPending) {
					throw new RequestException(ErrorCode.BAD_NUMBER,
							"empty number at position " + (count + 1) + " (two separating commas in a row?)");
				}
				commaPending = true;
				i++;
				continue;
			}
			int tokenStart = i;
			while (i < to && !isSeparator(list.charAt(i))) {
				i++;
			}
			count++;
			if (count > limits.maxNumbers()) {
				throw tooMany(limits.maxNumbers());
			}
			if (chunkStart >= 0 && (chunkCount == chunkSize || tokenStart - chunkStart >= chunkChars)) {
				onChunk.accept(new Chunk(chunkStart, chunkEnd, chunkFirstPosition));
				chunkStart = -1;
			}
			if (chunkStart < 0) {
				chunkStart = tokenStart;
				chunkFirstPosition = count;
				chunkCount = 0;
			}
			chunkCount++;
			chunkEnd = i;
			commaPending = false;
		}
		if (chunkStart >= 0) {
			onChunk.accept(new Chunk(chunkStart, chunkEnd, chunkFirstPosition));
		}
		return count;
	}

	/** The separators below 64 of {@link #checkCount}, one bit per character. */
	private static final long COUNT_SEPARATORS = (1L << ',') | (1L << ' ') | (1L << '\t');

	/**
	 * Refuses a list of more than {@code maxNumbers} numbers in one quick pass, before
	 * any chunk is started: a list long enough to hold more is counted first. The pass
	 * has no branch on the text and no early exit (docs/design.md, "The big job"): it
	 * runs before any parallel work, and the frame's limit already bounds it.
	 */
	static void checkCount(String list, int maxNumbers) {
		int count = 0;
		int afterSeparator = 1;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			int separator = (c < 64) ? (int) ((COUNT_SEPARATORS >>> c) & 1) : ((c == '[' || c == ']') ? 1 : 0);
			count += afterSeparator & ~separator;
			afterSeparator = separator;
		}
		if (count > maxNumbers) {
			throw tooMany(maxNumbers);
		}
	}

	private static RequestException tooMany(int maxNumbers) {
		return new RequestException(ErrorCode.TOO_MANY_NUMBERS,
				"more than " + maxNumbers + " numbers; the limit is " + maxNumbers + " per request");
	}

	static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	static boolean isSeparator(char c) {
		return c == ',' || c == ' ' || c == '\t';
	}

	private static int skipBlanks(String text, int from) {
		int i = from;
		while (i < text.length() && isBlank(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int trimBlanks(String text, int from, int to) {
		int end = to;
		while (end > from && isBlank(text.charAt(end - 1))) {
			end--;
		}
		return end;
	}

}
