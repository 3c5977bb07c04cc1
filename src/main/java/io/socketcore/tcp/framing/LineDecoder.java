package io.socketcore.tcp.framing;

import java.io.IOException;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.socketcore.protocol.AsciiScan;

/**
 * Lines ending in LF, with one CR before the LF removed (the frame is then
 * {@link FrameEnd#CR_LF}, for its reply to end the same way). At end of stream a partial
 * last line is a frame: a client that half-closes after {@code PING} without LF still
 * gets {@code PONG}.
 * <p>
 * With a quiet period, a connection's first line that has received no LF after that much
 * silence is returned as an unterminated frame (clients of the original Python server
 * send one message without a terminator and wait); what it may be answered with is the
 * protocol's decision, not the framing's. Only a line short enough to be such a message
 * is timed: a longer one is no such client's, and a pause in it (a retransmission, a
 * client's garbage collection) must not cut it.
 */
public final class LineDecoder implements FrameDecoder {

	/**
	 * The longest unterminated first line taken after the quiet period: the original
	 * server read its one message with {@code recv(1024)}.
	 */
	static final int QUIET_LINE_MAX_BYTES = 1024;

	private final int maxBytes;

	private final int quietMillis;

	/**
	 * @param maxBytes the longest line, terminator excluded
	 * @param quietMillis silence after which an unterminated first line is returned; 0
	 * never does
	 */
	public LineDecoder(int maxBytes, int quietMillis) {
		this.maxBytes = maxBytes;
		this.quietMillis = quietMillis;
	}

	@Override
	public byte[] decode(FrameSource source) throws IOException {
		FrameAssembler partial = null;
		while (true) {
			if (source.position() == source.limit()) {
				boolean started = partial != null && partial.length() > 0;
				boolean timed = started && this.quietMillis > 0 && !source.anyFrameRead()
						&& partial.length() <= QUIET_LINE_MAX_BYTES;
				int read = timed ? source.fillWithin(this.quietMillis) : source.fill(!started);
				if (read == FrameSource.QUIET) {
					source.frameRead(FrameEnd.UNTERMINATED);
					return partial.finish(partial.length());
				}
				if (read < 0) {
					if (started) {
						source.frameRead(FrameEnd.TERMINATED);
						return partial.finish(partial.length());
					}
					throw new SoftEndOfStreamException("Stream closed between frames");
				}
			}
			byte[] buffer = source.buffer();
			int position = source.position();
			int limit = source.limit();
			int newline = AsciiScan.indexOf(buffer, position, limit, (byte) '\n');
			int end = (newline >= 0) ? newline : limit;
			int segment = end - position;
			int received = (partial != null) ? partial.length() : 0;
			// one byte more than the maximum may be the CR before the LF
			if (received + segment > this.maxBytes + 1) {
				throw new FrameTooLargeException(this.maxBytes);
			}
			if (newline >= 0 && partial == null) {
				int lineEnd = (end > position && buffer[end - 1] == '\r') ? end - 1 : end;
				if (lineEnd - position > this.maxBytes) {
					throw new FrameTooLargeException(this.maxBytes);
				}
				byte[] line = FrameAssembler.copy(source.account(), buffer, position, lineEnd);
				source.position(newline + 1);
				source.frameRead((lineEnd < end) ? FrameEnd.CR_LF : FrameEnd.TERMINATED);
				return line;
			}
			if (partial == null) {
				partial = new FrameAssembler(source.account(), this.maxBytes + 1);
			}
			partial.append(buffer, position, segment);
			source.position(end);
			if (newline >= 0) {
				source.position(newline + 1);
				int length = partial.length();
				boolean crlf = length > 0 && partial.byteAt(length - 1) == '\r';
				if (crlf) {
					length--;
				}
				if (length > this.maxBytes) {
					throw new FrameTooLargeException(this.maxBytes);
				}
				source.frameRead(crlf ? FrameEnd.CR_LF : FrameEnd.TERMINATED);
				return partial.finish(length);
			}
		}
	}

	@Override
	public boolean frameBuffered(FrameSource source) {
		return AsciiScan.indexOf(source.buffer(), source.position(), source.limit(), (byte) '\n') >= 0;
	}

}
