package io.socketcore.protocol;

/**
 * A request that cannot be answered normally, carrying the error a client receives.
 * Stackless: bad input is expected traffic, and a flood of it must stay cheap.
 */
public class RequestException extends RuntimeException {

	private final ErrorCode code;

	public RequestException(ErrorCode code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	public ErrorCode code() {
		return this.code;
	}

}
