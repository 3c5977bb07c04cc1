package io.socketcore.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of one frame (terminator already removed) into a {@link Request}.
 * Never throws for bad input: a line that is not a request becomes {@link Request.Invalid}.
 */
public final class RequestParser {

	private RequestParser() {
	}

	/**
	 * A frame parsed in either protocol.
	 *
	 * @param request what to do
	 * @param json whether the frame was a JSON request, to be answered in JSON
	 * @param jsonId the JSON request's {@code id}, as JSON text, or null
	 */
	public record Parsed(Request request, boolean json, String jsonId) {
	}

	/** Parses a text line, or a JSON request if the frame starts with {@code {}}. */
	public static Parsed parseFrame(byte[] frame) {
		if (!JsonRequests.isJson(frame)) {
			return new Parsed(parse(frame), false, null);
		}
		String line;
		try {
			line = decode(frame);
		}
		catch (CharacterCodingException ex) {
			return new Parsed(new Request.Invalid(ErrorCode.BAD_ENCODING, "the line is not valid UTF-8"), true, null);
		}
		JsonRequests.JsonRequest request = JsonRequests.parse(line);
		return new Parsed(request.request(), true, request.id());
	}

	public static Request parse(byte[] frame) {
		int asciiControl = firstAsciiControlOrNonAscii(frame);
		if (asciiControl == frame.length) {
			// Pure printable ASCII, the common case, checked in one pass over the bytes: no second scan.
			return parseChecked(new String(frame, StandardCharsets.ISO_8859_1));
		}
		String line;
		try {
			line = decode(frame);
		}
		catch (CharacterCodingException ex) {
			return new Request.Invalid(ErrorCode.BAD_ENCODING, "the line is not valid UTF-8");
		}
		return parse(line);
	}

	/** Index of the first byte that is a control character or not ASCII; the length if there is none. */
	private static int firstAsciiControlOrNonAscii(byte[] frame) {
		for (int i = 0; i < frame.length; i++) {
			byte b = frame[i];
			if ((b < 0x20 && b != '\t') || b == 0x7F) {
				return i;
			}
		}
		return frame.length;
	}

	public static Request parse(String line) {
		int badAt = firstControlCharacter(line);
		if (badAt >= 0) {
			return new Request.Invalid(ErrorCode.BAD_CHARACTER, String.format(
					"control character U+%04X at column %d", (int) line.charAt(badAt), badAt + 1));
		}
		return parseChecked(line);
	}

	private static Request parseChecked(String line) {
		int start = skipBlanks(line, 0);
		if (start == line.length()) {
			return new Request.Invalid(ErrorCode.EMPTY_REQUEST, "empty line; try HELLO, SQUARE 1 2 3, PING or QUIT");
		}
		int wordEnd = start;
		while (wordEnd < line.length() && !isBlank(line.charAt(wordEnd))) {
			wordEnd++;
		}
		String arguments = line.substring(skipBlanks(line, wordEnd));
		if (isWord(line, start, wordEnd, "SQUARE")) {
			return new Request.Square(arguments);
		}
		if (isWord(line, start, wordEnd, "HELLO")) {
			String name = arguments.strip();
			return new Request.Hello(name.isEmpty() ? null : name);
		}
		if (isWord(line, start, wordEnd, "PING")) {
			return new Request.Ping();
		}
		if (isWord(line, start, wordEnd, "QUIT")) {
			return new Request.Quit();
		}
		return new Request.Invalid(ErrorCode.UNKNOWN_COMMAND,
				Snippet.of(line.strip()) + "; known commands: HELLO, SQUARE, PING, QUIT");
	}

	private static String decode(byte[] frame) throws CharacterCodingException {
		for (byte b : frame) {
			if (b < 0) {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(frame))
					.toString();
			}
		}
		// Pure ASCII, the common case: Latin-1 decoding is a plain copy into a compact string.
		return new String(frame, StandardCharsets.ISO_8859_1);
	}

	private static int firstControlCharacter(String line) {
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isWord(String line, int start, int end, String word) {
		return end - start == word.length() && line.regionMatches(true, start, word, 0, word.length());
	}

	static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	private static int skipBlanks(String line, int from) {
		int i = from;
		while (i < line.length() && isBlank(line.charAt(i))) {
			i++;
		}
		return i;
	}


}
