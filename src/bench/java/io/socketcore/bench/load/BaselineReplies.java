package io.socketcore.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.socketcore.squares.ParallelSquarer;
import io.socketcore.protocol.NumberLimits;

/**
 * What the baseline servers answer, the same for each: {@code HELLO}, {@code PING}, and
 * {@code SQUARE} with socketcore's own square core run sequentially on the calling
 * thread, so that only the server around it differs.
 */
final class BaselineReplies {

	private static final byte[] HELLO = "Hello, client!\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PONG = "PONG\n".getBytes(StandardCharsets.US_ASCII);

	private static final ParallelSquarer SEQUENTIAL = new ParallelSquarer(Runnable::run, Integer.MAX_VALUE,
			new NumberLimits(1_000_000, 1000), Duration.ofMinutes(1));

	private BaselineReplies() {
	}

	/** The reply line, terminator included, to one request line (terminator excluded). */
	static byte[] reply(String line) {
		String text = line.strip();
		if (text.regionMatches(true, 0, "SQUARE", 0, 6)) {
			return (SEQUENTIAL.square(text.substring(6)).text() + "\n").getBytes(StandardCharsets.US_ASCII);
		}
		if (text.regionMatches(true, 0, "PING", 0, 4)) {
			return PONG;
		}
		return HELLO;
	}

}
