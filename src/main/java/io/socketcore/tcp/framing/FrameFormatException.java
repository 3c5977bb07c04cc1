package io.socketcore.tcp.framing;

import java.io.IOException;

/**
 * The bytes on the connection do not follow the listener's framing (an STX/ETX frame
 * without its STX): nothing after it can be trusted, so the client is told
 * {@code ERR BAD_FRAME} and the connection closes.
 */
public class FrameFormatException extends IOException {

	public FrameFormatException(String message) {
		super(message, null);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
