package io.socketcore.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.AbstractByteArraySerializer;
import org.springframework.integration.mapping.MessageMappingException;

/**
 * One of Spring Integration's codecs ({@code TcpCodecs.stxetx}, {@code lengthHeader4}...), with its
 * "frame too long" failure turned into our {@link FrameTooLargeException}, so that the client is told
 * {@code ERR FRAME_TOO_LARGE} before the connection closes instead of being dropped without a word.
 * Replies may be {@code String}s (encoded as UTF-8) or bytes.
 */
final class FrameLimitCodec implements Serializer<Object>, Deserializer<byte[]> {

	private final AbstractByteArraySerializer codec;

	FrameLimitCodec(AbstractByteArraySerializer codec) {
		this.codec = codec;
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		try {
			return this.codec.deserialize(inputStream);
		}
		catch (MessageMappingException ex) {
			throw new FrameFormatException(ex.getMessage());
		}
		catch (IOException ex) {
			String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
			if (message.contains("max message length") || message.contains("exceeds max")) {
				throw new FrameTooLargeException(this.codec.getMaxMessageSize());
			}
			throw ex;
		}
	}

	@Override
	public void serialize(Object reply, OutputStream outputStream) throws IOException {
		byte[] bytes = (reply instanceof byte[] raw) ? raw : reply.toString().getBytes(StandardCharsets.UTF_8);
		this.codec.serialize(bytes, outputStream);
	}

}
