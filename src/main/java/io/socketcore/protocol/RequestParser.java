package io.socketcore.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.socketcore.memory.MemoryBudget;

/**
 * Turns the bytes of one frame (terminator already removed) into a {@link Request}, in
 * the frame's dialect. Never throws for bad input: a frame that is not a request becomes
 * {@link Request.Invalid}. What parsing builds (the text of a command's arguments, a JSON
 * list's numbers) is charged to the exchange's memory account before it is built.
 */
public final class RequestParser {

	private static final MemoryBudget.Account UNLIMITED = MemoryBudget.unlimited().account(0);

	private final JsonRequests json;

	public RequestParser(NumberLimits limits) {
		this.json = new JsonRequests(limits);
	}

	/**
	 * A frame parsed in either dialect.
	 *
	 * @param request what to do
	 * @param dialect how the frame was written, and so how it is answered
	 * @param jsonId the JSON request's {@code id}, as JSON text, or null
	 */
	public record Parsed(Request request, Dialect dialect, String jsonId) {

		public boolean json() {
			return this.dialect == Dialect.JSON;
		}

	}

	/** Parses a text line, or a JSON request if the frame starts with <code>{</code>. */
	public Parsed parseFrame(byte[] frame, MemoryBudget.Account account) {
		if (Dialect.of(frame) == Dialect.TEXT) {
			return new Parsed(parse(frame, account), Dialect.TEXT, null);
		}
		JsonRequests.JsonRequest request = this.json.parse(frame, account);
		return new Parsed(request.request(), Dialect.JSON, request.id());
	}

	/** Parses a text line, with nothing to charge. */
	public static Request parse(byte[] frame) {
		return parse(frame, UNLIMITED);
	}

	static Request parse(byte[] frame, MemoryBudget.Account account) {
		if (AsciiScan.isPrintable(frame)) {
			// The common case, checked in one pass over the bytes: the arguments become
			// text in one copy.
			if (!account.tryReserve(frame.length, MemoryBudget.Use.REQUEST)) {
				return busy();
			}
			return parseAscii(frame);
		}
		// A decoded line and its arguments, two bytes per character at most
		if (!account.tryReserve(4L * frame.length, MemoryBudget.Use.REQUEST)) {
			return busy();
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

	public static Request parse(String line) {
		int badAt = firstControlCharacter(line);
		if (badAt >= 0) {
			return new Request.Invalid(ErrorCode.BAD_CHARACTER,
					String.format("control character U+%04X at column %d", (int) line.charAt(badAt), badAt + 1));
		}
		int start = skipBlanks(line, 0);
		if (start == line.length()) {
			return emptyRequest();
		}
		int wordEnd = start;
		while (wordEnd < line.length() && !isBlank(line.charAt(wordEnd))) {
			wordEnd++;
		}
		String arguments = line.substring(skipBlanks(line, wordEnd));
		Request request = command(new Ascii(line), start, wordEnd, arguments);
		return (request != null) ? request : unknownCommand(line.strip());
	}

	/** Pure printable ASCII, tab included: one byte per character, no decoding needed. */
	private static Request parseAscii(byte[] frame) {
		Ascii line = new Ascii(frame);
		int start = skipBlanks(line, 0);
		if (start == frame.length) {
			return emptyRequest();
		}
		int wordEnd = start;
		while (wordEnd < frame.length && !isBlank(line.charAt(wordEnd))) {
			wordEnd++;
		}
		int argumentsStart = skipBlanks(line, wordEnd);
		Request request = command(line, start, wordEnd, null);
		if (request == null) {
			int end = frame.length;
			while (end > start && isBlank(line.charAt(end - 1))) {
				end--;
			}
			return new Request.Invalid(ErrorCode.UNKNOWN_COMMAND,
					Snippet.of(line, start, end) + "; known commands: " + Command.words());
		}
		if (request instanceof Request.Square) {
			return new Request.Square(line.text(argumentsStart, frame.length));
		}
		if (request instanceof Request.Hello) {
			String name = line.text(argumentsStart, frame.length).strip();
			return new Request.Hello(name.isEmpty() ? null : name);
		}
		return request;
	}

	/**
	 * The request the command word names, or null for an unknown word. {@code arguments}
	 * may be null when the caller makes them itself (then {@code SQUARE} and
	 * {@code HELLO} come back without them).
	 */
	private static Request command(CharSequence line, int start, int end, String arguments) {
		if (isWord(line, start, end, Command.SQUARE.name())) {
			return new Request.Square(arguments);
		}
		if (isWord(line, start, end, Command.HELLO.name())) {
			String name = (arguments != null) ? arguments.strip() : "";
			return new Request.Hello(name.isEmpty() ? null : name);
		}
		if (isWord(line, start, end, Command.PING.name())) {
			return new Request.Ping();
		}
		if (isWord(line, start, end, Command.QUIT.name())) {
			return new Request.Quit();
		}
		return null;
	}

	private static Request emptyRequest() {
		return new Request.Invalid(ErrorCode.EMPTY_REQUEST, "empty line; try HELLO, SQUARE 1 2 3, PING or QUIT");
	}

	private static Request unknownCommand(String line) {
		return new Request.Invalid(ErrorCode.UNKNOWN_COMMAND,
				Snippet.of(line) + "; known commands: " + Command.words());
	}

	private static Request busy() {
		return new Request.Invalid(ErrorCode.BUSY,
				"the server cannot hold this request now (its memory for requests is in use); try again later");
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
		// Pure ASCII: Latin-1 decoding is a plain copy into a compact string.
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

	private static boolean isWord(CharSequence line, int start, int end, String word) {
		if (end - start != word.length()) {
			return false;
		}
		for (int i = 0; i < word.length(); i++) {
			if (Character.toUpperCase(line.charAt(start + i)) != word.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	static boolean isBlank(char c) {
		return c == ' ' || c == '\t';
	}

	private static int skipBlanks(CharSequence line, int from) {
		int i = from;
		while (i < line.length() && isBlank(line.charAt(i))) {
			i++;
		}
		return i;
	}

	/** The characters of an ASCII frame, read in place, or of a string. */
	private static final class Ascii implements CharSequence {

		private final byte[] bytes;

		private final String string;

		Ascii(byte[] bytes) {
			this.bytes = bytes;
			this.string = null;
		}

		Ascii(String string) {
			this.bytes = null;
			this.string = string;
		}

		String text(int start, int end) {
			return (this.bytes != null) ? new String(this.bytes, start, end - start, StandardCharsets.ISO_8859_1)
					: this.string.substring(start, end);
		}

		@Override
		public int length() {
			return (this.bytes != null) ? this.bytes.length : this.string.length();
		}

		@Override
		public char charAt(int index) {
			return (this.bytes != null) ? (char) (this.bytes[index] & 0xFF) : this.string.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return text(start, end);
		}

		@Override
		public String toString() {
			return text(0, length());
		}

	}

}
