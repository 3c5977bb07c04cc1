package io.socketcore.tcp.framing;

import java.io.IOException;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Frames preceded by their length as a 4-byte big-endian unsigned integer. The announced
 * length is checked against the maximum at once, but memory is taken only as the bytes
 * arrive: a header alone costs nothing.
 */
public final class LengthHeaderDecoder implements FrameDecoder {

	private static final int HEADER_BYTES = 4;

	private final int maxBytes;

	public LengthHeaderDecoder(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public byte[] decode(FrameSource source) throws IOException {
		long length = 0;
		for (int i = 0; i < HEADER_BYTES; i++) {
			if (source.position() == source.limit() && source.fill(i == 0) < 0) {
				throw new SoftEndOfStreamException(
						(i == 0) ? "Stream closed between frames" : "Stream closed inside a frame header");
			}
			length = (length << 8) | (source.buffer()[source.position()] & 0xFF);
			source.position(source.position() + 1);
		}
		if (length > this.maxBytes) {
			throw new FrameTooLargeException(this.maxBytes);
		}
		int frameLength = (int) length;
		int buffered = source.limit() - source.position();
		if (buffered >= frameLength) {
			byte[] frame = FrameAssembler.copy(source.account(), source.buffer(), source.position(),
					source.position() + frameLength);
			source.position(source.position() + frameLength);
			source.frameRead(FrameEnd.TERMINATED);
			return frame;
		}
		FrameAssembler partial = new FrameAssembler(source.account(), frameLength);
		while (partial.length() < frameLength) {
			if (source.position() == source.limit() && source.fill(false) < 0) {
				throw new SoftEndOfStreamException("Stream closed inside a frame");
			}
			int count = Math.min(source.limit() - source.position(), frameLength - partial.length());
			partial.append(source.buffer(), source.position(), count);
			source.position(source.position() + count);
		}
		source.frameRead(FrameEnd.TERMINATED);
		return partial.finish(frameLength);
	}

	@Override
	public int headerLength() {
		return 4;
	}

	@Override
	public boolean frameBuffered(FrameSource source) {
		int buffered = source.limit() - source.position();
		if (buffered < HEADER_BYTES) {
			return false;
		}
		byte[] buffer = source.buffer();
		long length = 0;
		for (int i = 0; i < HEADER_BYTES; i++) {
			length = (length << 8) | (buffer[source.position() + i] & 0xFF);
		}
		// a length over the maximum is rejected at once, without waiting
		return length > this.maxBytes || buffered - HEADER_BYTES >= length;
	}

}
