package io.socketcore.protocol;

/**
 * The answer to one request, before it is formatted for the wire.
 */
public sealed interface Reply permits Reply.Success, Reply.Failure {

	static Reply success(String text) {
		return new Success(text, false);
	}

	/** A list of numbers in Python's notation, e.g. {@code [1, 4, 9]}; JSON replies carry it as an array. */
	static Reply list(String pythonList) {
		return new Success(pythonList, true);
	}

	static Reply failure(ErrorCode code, String message) {
		return new Failure(code, message);
	}

	static Reply failure(RequestException exception) {
		return new Failure(exception.code(), exception.getMessage());
	}

	/** {@code ok}, or the error code: the {@code outcome} tag of request metrics. */
	String outcome();

	record Success(String text, boolean isList) implements Reply {
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
