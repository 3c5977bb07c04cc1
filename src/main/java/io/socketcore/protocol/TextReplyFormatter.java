package io.socketcore.protocol;

/**
 * Formats replies as protocol v1 text lines (without the line terminator, which belongs to the framing).
 */
public final class TextReplyFormatter {

	private TextReplyFormatter() {
	}

	public static String format(Reply reply) {
		if (reply instanceof Reply.Success success) {
			return success.text();
		}
		Reply.Failure failure = (Reply.Failure) reply;
		return errorLine(failure.code(), failure.message());
	}

	public static String errorLine(ErrorCode code, String message) {
		return "ERR " + code.name() + " " + message;
	}

}
