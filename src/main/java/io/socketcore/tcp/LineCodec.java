package io.socketcore.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * LF-terminated lines, CR before LF tolerated. Reading is done by {@link ConnectionInput#readLine}, which
 * scans a shared block buffer and allocates only the line itself. Spring Integration's
 * {@link ByteArrayLfSerializer} would instead allocate a buffer of the maximum frame size (8 MiB by default)
 * per message, or per connection when pooled: too much at 10,000 connections.
 */
public final class LineCodec implements Serializer<Object>, Deserializer<byte[]> {

	private static final byte[] LF = { '\n' };

	private static final byte[] CRLF = { '\r', '\n' };

	private final int maxLineBytes;

	private final byte[] terminator;

	private final ByteArrayLfSerializer fallback;

	/** Reads lines ending in LF or CR LF; writes them ending in LF. */
	public LineCodec(int maxLineBytes) {
		this(maxLineBytes, false);
	}

	/** Reads lines ending in LF or CR LF; writes them ending in CR LF if {@code crlf}, else LF. */
	public LineCodec(int maxLineBytes, boolean crlf) {
		this.maxLineBytes = maxLineBytes;
		this.terminator = crlf ? CRLF : LF;
		this.fallback = new ByteArrayLfSerializer();
		this.fallback.setMaxMessageSize(maxLineBytes);
	}

	public int maxLineBytes() {
		return this.maxLineBytes;
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		if (inputStream instanceof ConnectionInput input) {
			return input.readLine(this.maxLineBytes);
		}
		return this.fallback.deserialize(inputStream);
	}

	@Override
	public void serialize(Object reply, OutputStream outputStream) throws IOException {
		byte[] bytes = (reply instanceof byte[] raw) ? raw : reply.toString().getBytes(StandardCharsets.UTF_8);
		outputStream.write(bytes);
		outputStream.write(this.terminator);
	}

}
