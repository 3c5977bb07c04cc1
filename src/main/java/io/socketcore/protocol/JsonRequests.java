package io.socketcore.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;

import io.socketcore.memory.MemoryBudget;

/**
 * The JSON-lines protocol, for programs: a request that starts with <code>{</code> is a
 * JSON object such as {@code {"id":7,"op":"square","numbers":[1,2,3]}}, answered with
 * {@code {"id":7,"result":[1,4,9]}} or
 * {@code {"id":7,"error":{"code":"BAD_NUMBER","message":"..."}}}.
 * <p>
 * Read with Jackson's streaming parser, token by token, so that nothing is built that the
 * request does not need and every size is checked before the work it would cost: the
 * count of numbers as they come, each number's digits from its text before it is expanded
 * (<code>1e1000000000</code> is {@code NUMBER_TOO_LONG} without a billion zeros being
 * written), the length of ids. Numbers stay exact: each becomes the same text the text
 * protocol carries (exponents expanded), never a {@code double}.
 */
public final class JsonRequests {

	/** Longest {@code id} echoed, as JSON text. */
	static final int MAX_ID_LENGTH = 256;

	private static final int MAX_NESTING_DEPTH = 64;

	/**
	 * Exponents beyond this are far past any digit limit; their value is never computed.
	 */
	private static final long EXPONENT_CAP = 1_000_000_000_000L;

	private final JsonFactory factory;

	private final NumberLimits limits;

	public JsonRequests(NumberLimits limits) {
		this.limits = limits;
		// Jackson stops numbers far longer than max-digits while it reads them; the exact
		// count is ours.
		this.factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNumberLength((int) Math.min(Integer.MAX_VALUE, 2L * limits.maxDigits() + 16))
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.build())
			.build();
	}

	/**
	 * A parsed JSON request.
	 *
	 * @param request what to do; {@link Request.Invalid} when the line is not a valid
	 * request
	 * @param id the request's {@code id} as JSON text (e.g. {@code 7} or {@code "a"}), or
	 * null if it had none
	 */
	public record JsonRequest(Request request, String id) {
	}

	/**
	 * Parses one frame (UTF-8), charging what it builds to {@code account}: Jackson's
	 * buffers and strings (at most twice the frame) and the text of a {@code square}
	 * list, as it grows.
	 */
	public JsonRequest parse(byte[] frame, MemoryBudget.Account account) {
		if (!account.tryReserve(2L * frame.length, MemoryBudget.Use.REQUEST)) {
			return new JsonRequest(busy(), null);
		}
		Reading reading = new Reading(account);
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), frame)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return invalid(ErrorCode.BAD_REQUEST, "a JSON request must be an object");
			}
			boolean read = false;
			while (!read && parser.nextToken() == JsonToken.PROPERTY_NAME) {
				reading.field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (reading.field) {
					case "id" -> readId(parser, value, reading);
					case "op" -> reading.op = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case "numbers" -> read = readNumbers(parser, value, reading, frame);
					case "name" -> readName(parser, value, reading);
					default -> parser.skipChildren();
				}
			}
			reading.field = null;
			JsonToken after = read ? null : parser.nextToken();
			if (after != null) {
				return invalid(ErrorCode.BAD_JSON, "the line holds more than one JSON value (" + after + " after it)");
			}
		}
		catch (StreamConstraintsException ex) {
			if ("numbers".equals(reading.field) && reading.numbersError == null) {
				return new JsonRequest(
						new Request.Invalid(ErrorCode.NUMBER_TOO_LONG,
								"the number at position " + (reading.count + 1) + " has more than "
										+ this.limits.maxDigits() + " digits; the limit is " + this.limits.maxDigits()),
						reading.idIfValid());
			}
			return badJson(ex);
		}
		catch (JacksonException ex) {
			return badJson(ex);
		}
		if (reading.idInvalid) {
			return invalid(ErrorCode.BAD_REQUEST,
					"\"id\" must be a string, number, boolean or null, of at most " + MAX_ID_LENGTH + " characters");
		}
		return new JsonRequest(request(reading), reading.id);
	}

	private static Request request(Reading reading) {
		if (reading.op == null) {
			return new Request.Invalid(ErrorCode.BAD_REQUEST,
					"\"op\" is missing or not a string; use one of " + Command.ops());
		}
		Command command = Command.ofOp(reading.op);
		if (command == null) {
			return new Request.Invalid(ErrorCode.UNKNOWN_COMMAND,
					Snippet.of(reading.op) + "; known ops: " + Command.ops());
		}
		return switch (command) {
			case SQUARE -> {
				if (!reading.numbersSeen || reading.numbersNotArray) {
					yield new Request.Invalid(ErrorCode.BAD_REQUEST, "\"numbers\" must be an array of numbers");
				}
				yield (reading.numbersError != null) ? reading.numbersError : new Request.Square(
						(reading.integers != null) ? reading.integers : reading.numbers.toString(), true);
			}
			case HELLO -> {
				if (reading.nameInvalid) {
					yield new Request.Invalid(ErrorCode.BAD_REQUEST, "\"name\" must be a string");
				}
				String given = (reading.name == null) ? "" : reading.name.strip();
				yield new Request.Hello(given.isEmpty() ? null : given);
			}
			case PING -> new Request.Ping();
			case QUIT -> new Request.Quit();
			case INVALID -> throw new IllegalStateException("INVALID is no op");
		};
	}

	private static void readId(JsonParser parser, JsonToken value, Reading reading) {
		reading.idInvalid = false;
		reading.id = null;
		if (value.isStructStart()) {
			parser.skipChildren();
			reading.idInvalid = true;
			return;
		}
		String text = (value == JsonToken.VALUE_STRING) ? quote(parser.getString()) : parser.getText();
		if (text.length() > MAX_ID_LENGTH) {
			reading.idInvalid = true;
			return;
		}
		reading.id = text;
	}

	private static void readName(JsonParser parser, JsonToken value, Reading reading) {
		reading.nameInvalid = false;
		reading.name = null;
		if (value == JsonToken.VALUE_STRING) {
			reading.name = parser.getString();
		}
		else if (value != JsonToken.VALUE_NULL) {
			parser.skipChildren();
			reading.nameInvalid = true;
		}
	}

	/**
	 * The numbers, as the text protocol's list; the first bad element ends the reading of
	 * the array. An array of integers alone is already such a list ({@code [1,-2,3]}: a
	 * JSON integer is a valid text-protocol number): it is taken from the frame as it
	 * stands, in one copy, instead of number by number (docs/design.md, "The big job").
	 * The first element that is not an integer turns the reading to building the list.
	 * Such an array that ends the request is read from the frame's bytes alone
	 * ({@link JsonIntegerList}), without Jackson's tokens.
	 * @return whether the request has been read to its end
	 */
	private boolean readNumbers(JsonParser parser, JsonToken value, Reading reading, byte[] frame) {
		reading.numbersSeen = true;
		reading.numbersNotArray = false;
		reading.numbersError = null;
		reading.numbers.setLength(0);
		reading.integers = null;
		reading.count = 0;
		if (value != JsonToken.START_ARRAY) {
			parser.skipChildren();
			reading.numbersNotArray = true;
			return false;
		}
		int arrayStart = (int) parser.currentTokenLocation().getByteOffset();
		JsonIntegerList.Span integers = JsonIntegerList.read(frame, arrayStart, this.limits);
		if (integers != null) {
			if (reading.reserveFor(integers.to() - integers.from())) {
				reading.integers = integers.text(frame);
				reading.count = integers.count();
			}
			else {
				reading.numbersError = busy();
			}
			return true;
		}
		boolean integersOnly = true;
		JsonToken element;
		while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
			Request.Invalid error = null;
			if (reading.count == this.limits.maxNumbers()) {
				error = new Request.Invalid(ErrorCode.TOO_MANY_NUMBERS, "more than " + this.limits.maxNumbers()
						+ " numbers; the limit is " + this.limits.maxNumbers() + " per request");
			}
			else if (element == JsonToken.VALUE_NUMBER_INT && integersOnly) {
				error = countInteger(parser, reading);
			}
			else if (element != JsonToken.VALUE_NUMBER_INT && element != JsonToken.VALUE_NUMBER_FLOAT) {
				String shown = element.isStructStart() ? (element == JsonToken.START_ARRAY ? "[...]" : "{...}")
						: (element == JsonToken.VALUE_STRING) ? quote(parser.getString()) : parser.getText();
				error = new Request.Invalid(ErrorCode.BAD_NUMBER,
						Snippet.of(shown) + " at position " + (reading.count + 1) + " is not a number");
				parser.skipChildren();
			}
			else {
				if (integersOnly) {
					integersOnly = false;
					int elementStart = (int) parser.currentTokenLocation().getByteOffset();
					if (!reading.appendFrameText(frame, arrayStart + 1, elementStart)) {
						error = busy();
					}
				}
				if (error == null) {
					error = appendNumber(parser, element == JsonToken.VALUE_NUMBER_FLOAT, reading);
				}
			}
			if (error != null) {
				reading.numbersError = error;
				skipRestOfArray(parser);
				return false;
			}
		}
		if (integersOnly) {
			int arrayEnd = (int) parser.currentTokenLocation().getByteOffset() + 1;
			if (!reading.reserveFor(arrayEnd - arrayStart)) {
				reading.numbersError = busy();
				return false;
			}
			reading.integers = frameText(frame, arrayStart, arrayEnd);
		}
		return false;
	}

	/**
	 * Counts an integer taken as it stands in the frame, its digits checked as
	 * {@link #appendNumber} checks them.
	 */
	private Request.Invalid countInteger(JsonParser parser, Reading reading) {
		int digits = parser.getTextLength() - ((parser.getTextCharacters()[parser.getTextOffset()] == '-') ? 1 : 0);
		if (digits > this.limits.maxDigits()) {
			return tooLong(reading.count + 1, digits);
		}
		reading.count++;
		return null;
	}

	/**
	 * A span of the frame that holds integers and their separators alone (ASCII), as
	 * text-protocol text: JSON's blanks include line breaks, which a frame of another
	 * framing can hold; the text protocol's are spaces and tabs.
	 */
	private static String frameText(byte[] frame, int from, int to) {
		return JsonIntegerList.text(frame, from, to, true);
	}

	/**
	 * Appends one number as text-protocol text, its digits counted from its JSON text
	 * before anything else.
	 */
	private Request.Invalid appendNumber(JsonParser parser, boolean decimal, Reading reading) {
		char[] text = parser.getTextCharacters();
		int start = parser.getTextOffset();
		int end = start + parser.getTextLength();
		int position = reading.count + 1;
		int i = start;
		boolean negative = text[i] == '-';
		if (negative) {
			i++;
		}
		int integerStart = i;
		while (i < end && isDigit(text[i])) {
			i++;
		}
		int integerEnd = i;
		int fractionStart = i;
		int fractionEnd = i;
		if (i < end && text[i] == '.') {
			fractionStart = ++i;
			while (i < end && isDigit(text[i])) {
				i++;
			}
			fractionEnd = i;
		}
		long exponent = 0;
		if (i < end && (text[i] == 'e' || text[i] == 'E')) {
			i++;
			boolean negativeExponent = text[i] == '-';
			if (text[i] == '-' || text[i] == '+') {
				i++;
			}
			for (; i < end; i++) {
				exponent = Math.min(EXPONENT_CAP, exponent * 10 + (text[i] - '0'));
			}
			exponent = negativeExponent ? -exponent : exponent;
		}
		StringBuilder out = reading.numbers;
		if (!decimal) {
			long digits = integerEnd - integerStart;
			if (digits > this.limits.maxDigits()) {
				return tooLong(position, digits);
			}
			return reading.append(text, start, end - start) ? null : busy();
		}
		// The value is D * 10^shift, D being the digits without the point and without
		// leading zeros.
		int significandStart = integerStart;
		while (significandStart < fractionEnd && (text[significandStart] == '0' || text[significandStart] == '.')) {
			significandStart++;
		}
		if (significandStart == fractionEnd) {
			return reading.append("0.0") ? null : busy();
		}
		int significantDigits = (significandStart < integerEnd)
				? (integerEnd - significandStart) + (fractionEnd - fractionStart) : fractionEnd - significandStart;
		long shift = exponent - (fractionEnd - fractionStart);
		long plainDigits = (shift >= 0) ? significantDigits + shift + 1
				: (-shift < significantDigits) ? significantDigits : 1 - shift;
		if (plainDigits > this.limits.maxDigits()) {
			return tooLong(position, plainDigits);
		}
		if (!reading.reserveFor(out.length() + plainDigits + 3)) {
			return busy();
		}
		if (out.length() > 0) {
			out.append(' ');
		}
		if (negative) {
			out.append('-');
		}
		StringBuilder significand = new StringBuilder(significantDigits);
		for (int d = significandStart; d < fractionEnd; d++) {
			if (text[d] != '.') {
				significand.append(text[d]);
			}
		}
		if (shift >= 0) {
			out.append(significand);
			appendZeros(out, shift);
			out.append(".0");
		}
		else if (-shift < significantDigits) {
			int point = significantDigits + (int) shift;
			out.append(significand, 0, point).append('.').append(significand, point, significantDigits);
		}
		else {
			out.append("0.");
			appendZeros(out, -shift - significantDigits);
			out.append(significand);
		}
		reading.count++;
		return null;
	}

	private static void appendZeros(StringBuilder out, long count) {
		for (long z = 0; z < count; z++) {
			out.append('0');
		}
	}

	private Request.Invalid tooLong(int position, long digits) {
		return new Request.Invalid(ErrorCode.NUMBER_TOO_LONG, "the number at position " + position + " has " + digits
				+ " digits; the limit is " + this.limits.maxDigits());
	}

	private static void skipRestOfArray(JsonParser parser) {
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
			parser.skipChildren();
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static Request.Invalid busy() {
		return new Request.Invalid(ErrorCode.BUSY,
				"the server cannot hold this request now (its memory for requests is in use); try again later");
	}

	private JsonRequest invalid(ErrorCode code, String message) {
		return new JsonRequest(new Request.Invalid(code, message), null);
	}

	private JsonRequest badJson(JacksonException ex) {
		return invalid(ErrorCode.BAD_JSON,
				"the line starts with '{' but is not valid JSON: " + firstLine(ex.getOriginalMessage()));
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(text, quoted);
		return quoted.append('"').toString();
	}

	/**
	 * Formats a reply as one JSON line: {@code {"id":...,"result":...}} or
	 * {@code {"id":...,"error":{...}}}.
	 */
	public static WireReply format(Reply reply, String id) {
		StringBuilder head = new StringBuilder(64).append('{');
		if (id != null) {
			head.append("\"id\":").append(id).append(',');
		}
		if (reply instanceof Reply.Squares squares) {
			head.append("\"result\":[");
			return WireReply.list(head.toString(), squares.chunks(), Dialect.JSON.listSeparator(), "]}");
		}
		if (reply instanceof Reply.Success success) {
			head.append("\"result\":").append(quote(success.text()));
		}
		else {
			Reply.Failure failure = (Reply.Failure) reply;
			head.append("\"error\":{\"code\":\"")
				.append(failure.code().name())
				.append("\",\"message\":")
				.append(quote(failure.message()))
				.append('}');
		}
		return WireReply.of(head.append('}').toString());
	}

	private static String firstLine(String message) {
		String text = String.valueOf(message);
		int newline = text.indexOf('\n');
		return Snippet.shorten(newline >= 0 ? text.substring(0, newline) : text, 160);
	}

	/** What has been read of one request so far. */
	private static final class Reading {

		private final MemoryBudget.Account account;

		private final StringBuilder numbers = new StringBuilder();

		/**
		 * The list as it stands in the frame, when the array holds integers alone;
		 * {@link #numbers} is then unused.
		 */
		String integers;

		/**
		 * Bytes charged for {@link #numbers}: the builder and the string made from it at
		 * the end.
		 */
		private long charged;

		String field;

		String id;

		boolean idInvalid;

		String op;

		String name;

		boolean nameInvalid;

		boolean numbersSeen;

		boolean numbersNotArray;

		Request.Invalid numbersError;

		int count;

		Reading(MemoryBudget.Account account) {
			this.account = account;
		}

		String idIfValid() {
			return this.idInvalid ? null : this.id;
		}

		boolean append(char[] text, int offset, int length) {
			if (!reserveFor(this.numbers.length() + length + 1)) {
				return false;
			}
			if (this.numbers.length() > 0) {
				this.numbers.append(' ');
			}
			this.numbers.append(text, offset, length);
			this.count++;
			return true;
		}

		/** Appends a span of the frame as {@link JsonRequests#frameText} gives it. */
		boolean appendFrameText(byte[] frame, int from, int to) {
			if (!reserveFor(this.numbers.length() + (to - from))) {
				return false;
			}
			this.numbers.append(frameText(frame, from, to));
			return true;
		}

		boolean append(String token) {
			return append(token.toCharArray(), 0, token.length());
		}

		/**
		 * Charges, ahead of time and doubling, for a list text of {@code length}
		 * characters.
		 */
		boolean reserveFor(long length) {
			long needed = 2 * length;
			if (needed <= this.charged) {
				return true;
			}
			long more = Math.max(needed - this.charged, Math.max(this.charged, 256));
			if (!this.account.tryReserve(more, MemoryBudget.Use.REQUEST)) {
				return false;
			}
			this.charged += more;
			return true;
		}

	}

}
