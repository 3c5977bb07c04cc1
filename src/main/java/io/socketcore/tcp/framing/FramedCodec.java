package io.socketcore.tcp.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;

/**
 * A listener's framing as Spring Integration's connection factory takes it: a decoder
 * over the connection's {@link FrameSource} and an encoder for the replies.
 */
public final class FramedCodec implements Serializer<Object>, Deserializer<byte[]> {

	private final FrameDecoder decoder;

	private final FrameEncoder encoder;

	public FramedCodec(FrameDecoder decoder, FrameEncoder encoder) {
		this.decoder = decoder;
		this.encoder = encoder;
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		if (!(inputStream instanceof FrameSource source)) {
			throw new IllegalStateException("frames are read from a connection's FrameSource, not " + inputStream);
		}
		return this.decoder.decode(source);
	}

	/** See {@link FrameDecoder#frameBuffered(FrameSource)}. */
	public boolean frameBuffered(FrameSource source) {
		return this.decoder.frameBuffered(source);
	}

	/** See {@link FrameDecoder#headerLength()}. */
	public int headerLength() {
		return this.decoder.headerLength();
	}

	/**
	 * The next frame, from a source whose buffer holds it whole
	 * ({@link #frameBuffered(FrameSource)}).
	 */
	public byte[] decodeBuffered(FrameSource source) throws IOException {
		return this.decoder.decode(source);
	}

	@Override
	public void serialize(Object reply, OutputStream outputStream) throws IOException {
		this.encoder.encode(reply, outputStream);
	}

	/**
	 * Writes the reply to a request that ended as {@code requestEnd}: on an {@code lf}
	 * listener a request that ended in CR LF gets its reply in CR LF (the default codec
	 * of Spring Integration's TCP clients).
	 */
	public void serialize(Object reply, OutputStream outputStream, FrameEnd requestEnd) throws IOException {
		FrameEncoder encoder = (this.encoder == FrameEncoder.LF && requestEnd == FrameEnd.CR_LF) ? FrameEncoder.CRLF
				: this.encoder;
		encoder.encode(reply, outputStream);
	}

}
