package io.socketcore.tcp.framing;

import java.io.IOException;

/**
 * A frame grew past the listener's maximum before its terminator arrived. The connection
 * answers {@code ERR FRAME_TOO_LARGE} and closes: the rest of the frame cannot be told
 * apart from the next one.
 */
public class FrameTooLargeException extends IOException {

	private final int maxBytes;

	public FrameTooLargeException(int maxBytes) {
		super("frame exceeds " + maxBytes + " bytes", null);
		this.maxBytes = maxBytes;
	}

	public int maxBytes() {
		return this.maxBytes;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
