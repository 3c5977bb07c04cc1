package io.socketcore.protocol;

/**
 * One parsed request line. The router dispatches on {@link #command()}.
 */
public sealed interface Request permits Request.Hello, Request.Square, Request.Ping, Request.Quit, Request.Invalid {

	/**
	 * What the request asks for; {@link Command#INVALID} for frames that could not be
	 * parsed.
	 */
	Command command();

	/** {@code HELLO [name]}; {@code name} is {@code null} when the client gave none. */
	record Hello(String name) implements Request {
		@Override
		public Command command() {
			return Command.HELLO;
		}
	}

	/**
	 * {@code SQUARE <numbers>}; the numbers are kept as text and parsed by the square
	 * service in parallel.
	 *
	 * @param numbers the list, in the text protocol's notation
	 * @param counted whether the reader has already refused a list of more than
	 * {@code max-numbers} numbers (the JSON reader counts as it reads), so that the
	 * square service need not count again before it starts
	 */
	record Square(String numbers, boolean counted) implements Request {

		/** A list not yet counted. */
		public Square(String numbers) {
			this(numbers, false);
		}

		@Override
		public Command command() {
			return Command.SQUARE;
		}
	}

	record Ping() implements Request {
		@Override
		public Command command() {
			return Command.PING;
		}
	}

	record Quit() implements Request {
		@Override
		public Command command() {
			return Command.QUIT;
		}
	}

	/** A line that is not a request; answered with its error and nothing else. */
	record Invalid(ErrorCode code, String message) implements Request {
		@Override
		public Command command() {
			return Command.INVALID;
		}
	}

}
