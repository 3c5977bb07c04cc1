package io.socketcore.tcp.framing;

import java.io.IOException;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.socketcore.protocol.AsciiScan;

/**
 * Frames between STX (0x02) and ETX (0x03). A byte other than STX where a frame must
 * begin is a framing error: nothing after it can be trusted.
 */
public final class StxEtxDecoder implements FrameDecoder {

	static final byte STX = 0x02;

	static final byte ETX = 0x03;

	private final int maxBytes;

	public StxEtxDecoder(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public byte[] decode(FrameSource source) throws IOException {
		if (source.position() == source.limit() && source.fill(true) < 0) {
			throw new SoftEndOfStreamException("Stream closed between frames");
		}
		byte first = source.buffer()[source.position()];
		if (first != STX) {
			throw new FrameFormatException(String.format("expected STX (0x02) to begin a frame, got 0x%02X", first));
		}
		source.position(source.position() + 1);
		FrameAssembler partial = null;
		while (true) {
			if (source.position() == source.limit() && source.fill(false) < 0) {
				throw new SoftEndOfStreamException("Stream closed inside a frame");
			}
			byte[] buffer = source.buffer();
			int position = source.position();
			int etx = AsciiScan.indexOf(buffer, position, source.limit(), ETX);
			int end = (etx >= 0) ? etx : source.limit();
			int received = (partial != null) ? partial.length() : 0;
			if (received + end - position > this.maxBytes) {
				throw new FrameTooLargeException(this.maxBytes);
			}
			if (etx >= 0 && partial == null) {
				byte[] frame = FrameAssembler.copy(source.account(), buffer, position, etx);
				source.position(etx + 1);
				source.frameRead(FrameEnd.TERMINATED);
				return frame;
			}
			if (partial == null) {
				partial = new FrameAssembler(source.account(), this.maxBytes);
			}
			partial.append(buffer, position, end - position);
			source.position(end);
			if (etx >= 0) {
				source.position(etx + 1);
				source.frameRead(FrameEnd.TERMINATED);
				return partial.finish(partial.length());
			}
		}
	}

	@Override
	public int headerLength() {
		return 1;
	}

	@Override
	public boolean frameBuffered(FrameSource source) {
		int position = source.position();
		int limit = source.limit();
		byte[] buffer = source.buffer();
		// a byte other than STX is rejected at once, without waiting
		return position < limit
				&& (buffer[position] != STX || AsciiScan.indexOf(buffer, position + 1, limit, ETX) >= 0);
	}

}
