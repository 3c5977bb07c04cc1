package io.socketcore.protocol;

/**
 * Formats replies as protocol v1 text lines (without the line terminator, which belongs
 * to the framing).
 */
public final class TextReplyFormatter {

	private TextReplyFormatter() {
	}

	public static WireReply format(Reply reply) {
		if (reply instanceof Reply.Squares squares) {
			return WireReply.list("[", squares.chunks(), Dialect.TEXT.listSeparator(), "]");
		}
		return WireReply.of(text(reply));
	}

	/**
	 * The reply as one string, for replies that are not lists of squares (they are
	 * small).
	 */
	public static String text(Reply reply) {
		if (reply instanceof Reply.Success success) {
			return success.text();
		}
		if (reply instanceof Reply.Squares squares) {
			return "[" + String.join(Dialect.TEXT.listSeparator(), squares.chunks()) + "]";
		}
		Reply.Failure failure = (Reply.Failure) reply;
		return errorLine(failure.code(), failure.message());
	}

	public static String errorLine(ErrorCode code, String message) {
		return "ERR " + code.name() + " " + message;
	}

}
