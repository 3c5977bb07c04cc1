package io.socketcore.tcp.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.socketcore.protocol.WireReply;

/**
 * Writes one reply in a listener's framing. Replies are {@link WireReply}s, or text and
 * bytes (error lines and replies from outside the flow).
 */
public enum FrameEncoder {

	/** Payload, then LF. */
	LF(new byte[0], new byte[] { '\n' }),
	/** Payload, then CR LF. */
	CRLF(new byte[0], new byte[] { '\r', '\n' }),
	/** STX, payload, ETX. */
	STX_ETX(new byte[] { StxEtxDecoder.STX }, new byte[] { StxEtxDecoder.ETX }),
	/** The payload's length as 4 bytes, big-endian, then the payload. */
	LENGTH_HEADER(null, new byte[0]);

	private final byte[] before;

	private final byte[] after;

	FrameEncoder(byte[] before, byte[] after) {
		this.before = before;
		this.after = after;
	}

	public void encode(Object reply, OutputStream out) throws IOException {
		WireReply wire = (reply instanceof WireReply formatted) ? formatted : null;
		byte[] bytes = (wire != null) ? null : payloadBytes(reply);
		long length = (wire != null) ? wire.length() : bytes.length;
		out.write((this.before != null) ? this.before : ByteBuffer.allocate(4).putInt((int) length).array());
		if (wire != null) {
			wire.writeTo(out);
		}
		else {
			out.write(bytes);
		}
		out.write(this.after);
	}

	/**
	 * The reply without any framing (clients of the original server get exactly this).
	 */
	public static void writeUnframed(Object reply, OutputStream out) throws IOException {
		if (reply instanceof WireReply wire) {
			wire.writeTo(out);
		}
		else {
			out.write(payloadBytes(reply));
		}
	}

	private static byte[] payloadBytes(Object reply) {
		return (reply instanceof byte[] raw) ? raw : reply.toString().getBytes(StandardCharsets.UTF_8);
	}

}
