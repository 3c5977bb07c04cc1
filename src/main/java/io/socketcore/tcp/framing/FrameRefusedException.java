package io.socketcore.tcp.framing;

import java.io.IOException;

/**
 * A frame could not be held: the memory budget refused the bytes it needed while it
 * arrived. The client is told {@code ERR BUSY} and the connection closes, since the rest
 * of the frame can no longer be told apart from the next one.
 */
public class FrameRefusedException extends IOException {

	public FrameRefusedException() {
		super("the memory budget refused the frame", null);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
