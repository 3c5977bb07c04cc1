package io.socketcore.protocol;

/**
 * The answer to one request, before it is formatted for the wire.
 */
public sealed interface Reply permits Reply.Success, Reply.Squares, Reply.Failure {

	static Reply success(String text) {
		return new Success(text);
	}

	/**
	 * The squares of a list, in request order, in chunks whose numbers are already
	 * separated by the dialect's {@link Dialect#listSeparator()}; the formatter joins the
	 * chunks with it too.
	 */
	static Reply squares(java.util.List<String> chunks) {
		return new Squares(chunks);
	}

	static Reply failure(ErrorCode code, String message) {
		return new Failure(code, message);
	}

	static Reply failure(RequestException exception) {
		return new Failure(exception.code(), exception.getMessage());
	}

	/** {@code ok}, or the error code: the {@code outcome} tag of request metrics. */
	String outcome();

	record Success(String text) implements Reply {
		@Override
		public String outcome() {
			return "ok";
		}
	}

	record Squares(java.util.List<String> chunks) implements Reply {
		@Override
		public String outcome() {
			return "ok";
		}
	}

	record Failure(ErrorCode code, String message) implements Reply {
		@Override
		public String outcome() {
			return this.code.name();
		}
	}

}
