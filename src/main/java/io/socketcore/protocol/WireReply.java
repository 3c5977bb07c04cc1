package io.socketcore.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A formatted reply as it goes on the wire, without the framing's terminator or header: a
 * head, then optionally the chunks of a number list (ASCII text, joined by a separator as
 * they are written, never copied into one string first), then a tail. A job's result of
 * megabytes is written straight from its chunks, into an {@link AsciiOutput}'s buffer
 * where the output is one.
 */
public final class WireReply {

	private static final byte[] NOTHING = {};

	private final byte[] head;

	private final List<String> chunks;

	private final byte[] separator;

	private final byte[] tail;

	private final long length;

	private WireReply(byte[] head, List<String> chunks, byte[] separator, byte[] tail) {
		this.head = head;
		this.chunks = chunks;
		this.separator = separator;
		this.tail = tail;
		long total = head.length + tail.length;
		for (String chunk : chunks) {
			total += chunk.length();
		}
		this.length = total + (long) Math.max(0, chunks.size() - 1) * separator.length;
	}

	/** A reply of one text, in UTF-8. */
	public static WireReply of(String text) {
		return new WireReply(text.getBytes(StandardCharsets.UTF_8), List.of(), NOTHING, NOTHING);
	}

	/** {@code head}, the chunks (ASCII) joined by {@code separator}, {@code tail}. */
	public static WireReply list(String head, List<String> chunks, String separator, String tail) {
		return new WireReply(head.getBytes(StandardCharsets.UTF_8), chunks,
				separator.getBytes(StandardCharsets.US_ASCII), tail.getBytes(StandardCharsets.UTF_8));
	}

	/** Bytes on the wire. */
	public long length() {
		return this.length;
	}

	public void writeTo(OutputStream out) throws IOException {
		out.write(this.head);
		for (int i = 0; i < this.chunks.size(); i++) {
			if (i > 0) {
				out.write(this.separator);
			}
			String chunk = this.chunks.get(i);
			if (out instanceof AsciiOutput ascii) {
				ascii.writeAscii(chunk);
			}
			else {
				out.write(chunk.getBytes(StandardCharsets.ISO_8859_1));
			}
		}
		out.write(this.tail);
	}

	/** The reply as text: for logs and tests, not for the wire. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder().append(new String(this.head, StandardCharsets.UTF_8));
		for (int i = 0; i < this.chunks.size(); i++) {
			text.append(i > 0 ? new String(this.separator, StandardCharsets.US_ASCII) : "").append(this.chunks.get(i));
		}
		return text.append(new String(this.tail, StandardCharsets.UTF_8)).toString();
	}

}
