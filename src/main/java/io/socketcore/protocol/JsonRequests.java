package io.socketcore.protocol;

import java.math.BigDecimal;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON-lines protocol, for programs: a request line that starts with {@code {}} is a JSON object such as
 * {@code {"id":7,"op":"square","numbers":[1,2,3]}}, answered with {@code {"id":7,"result":[1,4,9]}} or
 * {@code {"id":7,"error":{"code":"BAD_NUMBER","message":"..."}}}. Numbers stay exact: integers of any size and
 * decimals are read as their text, never through a {@code double}.
 */
public final class JsonRequests {

	/** Our own limits ({@code max-digits}) apply to numbers, not Jackson's default of 1000 characters. */
	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNumberLength(Integer.MAX_VALUE)
				.maxNestingDepth(64)
				.build())
			.build())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS,
				DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonRequests() {
	}

	/** True if the line is meant as JSON: its first non-blank character is {@code {}}. */
	public static boolean isJson(byte[] frame) {
		for (byte b : frame) {
			if (b != ' ' && b != '\t') {
				return b == '{';
			}
		}
		return false;
	}

	/**
	 * A parsed JSON request.
	 *
	 * @param request what to do; {@link Request.Invalid} when the line is not a valid request
	 * @param id the request's {@code id} as JSON text (e.g. {@code 7} or {@code "a"}), or null if it had none
	 */
	public record JsonRequest(Request request, String id) {
	}

	public static JsonRequest parse(String line) {
		JsonNode root;
		try {
			root = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			return new JsonRequest(new Request.Invalid(ErrorCode.BAD_JSON,
					"the line starts with '{' but is not valid JSON: " + firstLine(ex.getOriginalMessage())), null);
		}
		if (root == null || !root.isObject()) {
			return new JsonRequest(new Request.Invalid(ErrorCode.BAD_REQUEST, "a JSON request must be an object"), null);
		}
		JsonNode idNode = root.get("id");
		String id = null;
		if (idNode != null) {
			if (!idNode.isValueNode()) {
				return new JsonRequest(new Request.Invalid(ErrorCode.BAD_REQUEST,
						"\"id\" must be a string, number, boolean or null"), null);
			}
			id = JSON.writeValueAsString(idNode);
		}
		return new JsonRequest(request(root), id);
	}

	private static Request request(JsonNode root) {
		JsonNode op = root.get("op");
		if (op == null || !op.isString()) {
			return new Request.Invalid(ErrorCode.BAD_REQUEST,
					"\"op\" is missing or not a string; use \"square\", \"hello\", \"ping\" or \"quit\"");
		}
		switch (op.stringValue().toLowerCase(Locale.ROOT)) {
			case "square":
				return square(root.get("numbers"));
			case "hello":
				JsonNode name = root.get("name");
				if (name != null && !name.isNull() && !name.isString()) {
					return new Request.Invalid(ErrorCode.BAD_REQUEST, "\"name\" must be a string");
				}
				String given = (name == null || name.isNull()) ? "" : name.stringValue().strip();
				return new Request.Hello(given.isEmpty() ? null : given);
			case "ping":
				return new Request.Ping();
			case "quit":
				return new Request.Quit();
			default:
				return new Request.Invalid(ErrorCode.UNKNOWN_COMMAND, Snippet.of(op.stringValue())
						+ "; known ops: square, hello, ping, quit");
		}
	}

	/** The numbers become the same text the text protocol carries, so both share one exact square core. */
	private static Request square(JsonNode numbers) {
		if (numbers == null || !numbers.isArray()) {
			return new Request.Invalid(ErrorCode.BAD_REQUEST, "\"numbers\" must be an array of numbers");
		}
		StringBuilder list = new StringBuilder(numbers.size() * 8);
		int position = 0;
		for (JsonNode number : numbers) {
			position++;
			if (!number.isNumber()) {
				return new Request.Invalid(ErrorCode.BAD_NUMBER, Snippet.of(JSON.writeValueAsString(number))
						+ " at position " + position + " is not a number");
			}
			if (position > 1) {
				list.append(' ');
			}
			if (number.isIntegralNumber()) {
				list.append(number.bigIntegerValue());
			}
			else {
				BigDecimal decimal = number.decimalValue();
				list.append(decimal.scale() > 0 ? decimal.toPlainString() : decimal.toPlainString() + ".0");
			}
		}
		return new Request.Square(list.toString());
	}

	/** Formats a reply as one JSON line: {@code {"id":...,"result":...}} or {@code {"id":...,"error":{...}}}. */
	public static String format(Reply reply, String id) {
		StringBuilder out = new StringBuilder(64);
		out.append('{');
		if (id != null) {
			out.append("\"id\":").append(id).append(',');
		}
		if (reply instanceof Reply.Success success) {
			out.append("\"result\":");
			if (success.isList()) {
				out.append(success.text().replace(", ", ","));
			}
			else {
				out.append(JSON.writeValueAsString(success.text()));
			}
		}
		else {
			Reply.Failure failure = (Reply.Failure) reply;
			out.append("\"error\":{\"code\":\"").append(failure.code().name()).append("\",\"message\":")
				.append(JSON.writeValueAsString(failure.message())).append('}');
		}
		return out.append('}').toString();
	}

	private static String firstLine(String message) {
		String text = String.valueOf(message);
		int newline = text.indexOf('\n');
		return Snippet.shorten(newline >= 0 ? text.substring(0, newline) : text, 160);
	}

}
