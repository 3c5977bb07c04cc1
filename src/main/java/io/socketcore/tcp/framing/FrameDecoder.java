package io.socketcore.tcp.framing;

import java.io.IOException;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Cuts one listener's byte stream into frames.
 */
public interface FrameDecoder {

	/**
	 * Reads the next frame's payload, charged to the source's account.
	 * @throws SoftEndOfStreamException when the client ends the stream between frames, or
	 * inside a frame that cannot be complete without its end
	 * @throws FrameTooLargeException when the frame is longer than the listener allows
	 * @throws FrameFormatException when the bytes do not follow the framing
	 * @throws FrameRefusedException when the memory budget cannot hold the frame
	 */
	byte[] decode(FrameSource source) throws IOException;

	/**
	 * Whether the next frame has arrived whole, so that {@link #decode} returns it (or
	 * rejects it) without waiting for the network: a pipelining client's requests are
	 * then read as one batch.
	 */
	boolean frameBuffered(FrameSource source);

	/**
	 * Bytes before a frame's payload (STX, a length header): the connection skips them to
	 * tell the dialect of a frame it rejects from its first bytes.
	 */
	default int headerLength() {
		return 0;
	}

}
