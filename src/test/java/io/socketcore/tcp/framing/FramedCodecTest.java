package io.socketcore.tcp.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.socketcore.memory.MemoryBudget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A listener's codec: frames from the connection's buffer, batches of the frames already
 * buffered, and replies that end the way their requests did.
 */
class FramedCodecTest {

	private final MemoryBudget.Account account = new MemoryBudget(1 << 20).account(0);

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String reply(FramedCodec codec, Object reply, FrameEnd requestEnd) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(reply, out, requestEnd);
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void anLfListenerAnswersACrLfRequestInCrLf() throws IOException {
		FramedCodec lf = new FramedCodec(new LineDecoder(100, 0), FrameEncoder.LF);
		assertThat(reply(lf, "PONG", FrameEnd.TERMINATED)).isEqualTo("PONG\n");
		assertThat(reply(lf, "PONG", FrameEnd.CR_LF)).isEqualTo("PONG\r\n");
		assertThat(reply(lf, "PONG", FrameEnd.UNTERMINATED)).isEqualTo("PONG\n");
	}

	@Test
	void otherFramingsAnswerInTheirOwnFramingWhateverTheRequestEnded() throws IOException {
		FramedCodec crlf = new FramedCodec(new LineDecoder(100, 0), FrameEncoder.CRLF);
		FramedCodec stx = new FramedCodec(new StxEtxDecoder(100), FrameEncoder.STX_ETX);
		assertThat(reply(crlf, "PONG", FrameEnd.TERMINATED)).isEqualTo("PONG\r\n");
		assertThat(reply(stx, "PONG", FrameEnd.CR_LF)).isEqualTo("\u0002PONG\u0003");
	}

	@Test
	void framesWholeInTheBufferAreReadWithoutWaiting() throws IOException {
		FramedCodec lf = new FramedCodec(new LineDecoder(100, 0), FrameEncoder.LF);
		ChunkedFrameSource source = new ChunkedFrameSource(this.account, bytes("PING\nHELLO\nSQUA"), bytes("RE 1\n"));
		assertThat(lf.decodeBuffered(source)).isEqualTo(bytes("PING"));
		assertThat(lf.frameBuffered(source)).isTrue();
		assertThat(lf.decodeBuffered(source)).isEqualTo(bytes("HELLO"));
		assertThat(lf.frameBuffered(source)).as("only part of the next frame has arrived").isFalse();
		assertThat(source.reads()).isEqualTo("b");
	}

	@Test
	void theHeaderBeforeAPayloadIsKnownPerFraming() {
		assertThat(new FramedCodec(new LineDecoder(100, 0), FrameEncoder.LF).headerLength()).isZero();
		assertThat(new FramedCodec(new StxEtxDecoder(100), FrameEncoder.STX_ETX).headerLength()).isEqualTo(1);
		assertThat(new FramedCodec(new LengthHeaderDecoder(100), FrameEncoder.LENGTH_HEADER).headerLength())
			.isEqualTo(4);
	}

	@Test
	void framesAreReadOnlyFromAConnectionsBuffer() {
		FramedCodec lf = new FramedCodec(new LineDecoder(100, 0), FrameEncoder.LF);
		assertThatThrownBy(() -> lf.deserialize(new ByteArrayInputStream(bytes("PING\n"))))
			.isInstanceOf(IllegalStateException.class);
	}

}
