package io.socketcore.protocol;

/**
 * What the protocol answers to a request that arrived without its terminator: clients of
 * the original Python server send one message that way and print whatever comes back (the
 * transport recognises them on the default listener, after
 * {@code socketcore.tcp.unterminated-timeout} of silence, and answers them unframed).
 * That server greeted every message. Text that is no command is greeted here too (the
 * greeting does not depend on the bytes), but a command that has not been terminated may
 * have been cut by the network, and is never executed: its result could be wrong.
 */
public final class UnterminatedRequests {

	private UnterminatedRequests() {
	}

	public static RequestParser.Parsed answerable(RequestParser.Parsed parsed) {
		Request request = parsed.request();
		boolean noCommand = request instanceof Request.Invalid
				|| (request instanceof Request.Hello hello && hello.name() == null);
		if (!parsed.json() && noCommand) {
			return new RequestParser.Parsed(new Request.Hello(null), parsed.dialect(), parsed.jsonId());
		}
		return new RequestParser.Parsed(new Request.Invalid(ErrorCode.INCOMPLETE_REQUEST,
				"the request ended without its terminator and no more came: it may have been cut, so nothing was "
						+ "computed; end every request with a line feed"),
				parsed.dialect(), parsed.jsonId());
	}

}
