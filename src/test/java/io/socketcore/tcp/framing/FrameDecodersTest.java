package io.socketcore.tcp.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.WireReply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each framing over segments cut anywhere: frames arrive whole, their sizes are checked
 * before they are held, memory is taken only as bytes arrive, and a frame under way never
 * counts as idle.
 */
class FrameDecodersTest {

	private final MemoryBudget budget = new MemoryBudget(1 << 20);

	private final MemoryBudget.Account account = this.budget.account(0);

	@Test
	void linesCutAnywhereArriveWhole() throws IOException {
		ChunkedFrameSource source = source("HEL", "LO\r\nSQUARE 1", " 2\nPING", "\n");
		LineDecoder lines = new LineDecoder(100, 0);
		assertThat(text(lines.decode(source))).isEqualTo("HELLO");
		assertThat(source.lastEnd()).isEqualTo(FrameEnd.CR_LF);
		assertThat(text(lines.decode(source))).isEqualTo("SQUARE 1 2");
		assertThat(source.lastEnd()).isEqualTo(FrameEnd.TERMINATED);
		assertThat(text(lines.decode(source))).isEqualTo("PING");
		assertThatThrownBy(() -> lines.decode(source)).isInstanceOf(SoftEndOfStreamException.class);
		assertThat(source.reads()).as("only reads with nothing of a frame received wait between frames")
			.isEqualTo("bmmmb");
	}

	@Test
	void aHalfClosedLastLineIsAFrame() throws IOException {
		ChunkedFrameSource source = source("PING");
		assertThat(text(new LineDecoder(100, 0).decode(source))).isEqualTo("PING");
		assertThat(source.lastEnd()).isEqualTo(FrameEnd.TERMINATED);
	}

	@Test
	void anUnterminatedFirstLineIsTakenAfterTheQuietPeriodOnly() throws IOException {
		ChunkedFrameSource source = new ChunkedFrameSource(this.account, bytes("SQUARE 1"), ChunkedFrameSource.SILENCE,
				bytes(" 2 3\n"));
		assertThat(text(new LineDecoder(100, 100).decode(source))).isEqualTo("SQUARE 1");
		assertThat(source.lastEnd()).isEqualTo(FrameEnd.UNTERMINATED);
	}

	@Test
	void aFirstLineLongerThanTheOriginalServersMessageIsNotCutByAPause() throws IOException {
		String head = "SQUARE" + " 1".repeat(LineDecoder.QUIET_LINE_MAX_BYTES / 2);
		ChunkedFrameSource source = new ChunkedFrameSource(this.account, bytes(head), ChunkedFrameSource.SILENCE,
				bytes(" 2 3\n"));
		assertThat(text(new LineDecoder(10_000, 100).decode(source))).isEqualTo(head + " 2 3");
		assertThat(source.lastEnd()).isEqualTo(FrameEnd.TERMINATED);
	}

	@Test
	void aFirstLineOfTheOriginalServersMessageSizeIsStillTakenAfterTheQuietPeriod() throws IOException {
		byte[] message = "x".repeat(LineDecoder.QUIET_LINE_MAX_BYTES).getBytes(StandardCharsets.US_ASCII);
		ChunkedFrameSource source = new ChunkedFrameSource(this.account, message, ChunkedFrameSource.SILENCE,
				bytes("\n"));
		assertThat(new LineDecoder(10_000, 100).decode(source)).isEqualTo(message);
		assertThat(source.lastEnd()).isEqualTo(FrameEnd.UNTERMINATED);
	}

	@Test
	void linesOverTheLimitAreRefusedBeforeTheyAreHeld() {
		LineDecoder lines = new LineDecoder(10, 0);
		assertThatThrownBy(() -> lines.decode(source("0123456789", "0\n"))).isInstanceOf(FrameTooLargeException.class);
		assertThatThrownBy(() -> lines.decode(source("0123456789ABCDEF"))).isInstanceOf(FrameTooLargeException.class);
		assertThat(this.account.held()).isLessThanOrEqualTo(11);
	}

	@Test
	void aLineOfExactlyTheLimitWithCrLfIsAccepted() throws IOException {
		ChunkedFrameSource source = source("01234", "56789\r", "\n");
		assertThat(text(new LineDecoder(10, 0).decode(source))).isEqualTo("0123456789");
		assertThat(source.lastEnd()).as("a CR LF split across reads").isEqualTo(FrameEnd.CR_LF);
	}

	@Test
	void aPartialLineTheBudgetCannotHoldIsRefused() {
		MemoryBudget small = new MemoryBudget(1000);
		ChunkedFrameSource source = new ChunkedFrameSource(small.account(0), new byte[600], new byte[600]);
		assertThatThrownBy(() -> new LineDecoder(1 << 20, 0).decode(source)).isInstanceOf(FrameRefusedException.class);
		assertThat(small.refusals(MemoryBudget.Use.FRAME)).isEqualTo(1);
	}

	@Test
	void stxEtxFramesCutAnywhereArriveWhole() throws IOException {
		ChunkedFrameSource source = source("\u0002PI", "NG\u0003\u0002", "HELLO\u0003");
		StxEtxDecoder frames = new StxEtxDecoder(100);
		assertThat(text(frames.decode(source))).isEqualTo("PING");
		assertThat(text(frames.decode(source))).isEqualTo("HELLO");
		assertThatThrownBy(() -> frames.decode(source)).isInstanceOf(SoftEndOfStreamException.class);
		assertThat(source.reads()).isEqualTo("bmmb");
	}

	@Test
	void stxEtxRefusesBytesBeforeStxAndFramesOverTheLimit() {
		assertThatThrownBy(() -> new StxEtxDecoder(100).decode(source("PING\u0003")))
			.isInstanceOf(FrameFormatException.class)
			.hasMessageContaining("0x50");
		assertThatThrownBy(() -> new StxEtxDecoder(3).decode(source("\u0002PING\u0003")))
			.isInstanceOf(FrameTooLargeException.class);
	}

	@Test
	void anOpenedStxFrameHoldsOnlyWhatArrived() {
		ChunkedFrameSource source = source("\u0002S");
		assertThatThrownBy(() -> new StxEtxDecoder(8 << 20).decode(source))
			.isInstanceOf(SoftEndOfStreamException.class);
		assertThat(this.account.held()).isLessThan(1024);
	}

	@Test
	void lengthHeaderFramesCutAnywhereArriveWhole() throws IOException {
		byte[] wire = concat(header(4), bytes("PING"), header(5), bytes("HELLO"), header(0));
		ChunkedFrameSource source = new ChunkedFrameSource(this.account, Arrays.copyOfRange(wire, 0, 2),
				Arrays.copyOfRange(wire, 2, 6), Arrays.copyOfRange(wire, 6, 12),
				Arrays.copyOfRange(wire, 12, wire.length));
		LengthHeaderDecoder frames = new LengthHeaderDecoder(100);
		assertThat(text(frames.decode(source))).isEqualTo("PING");
		assertThat(text(frames.decode(source))).isEqualTo("HELLO");
		assertThat(frames.decode(source)).isEmpty();
		assertThatThrownBy(() -> frames.decode(source)).isInstanceOf(SoftEndOfStreamException.class);
		assertThat(source.reads()).as("a header cut in two is inside a frame").isEqualTo("bmmmb");
	}

	@Test
	void anAnnouncedLengthIsCheckedAtOnceAndCostsNothingUntilItsBytesArrive() {
		assertThatThrownBy(() -> new LengthHeaderDecoder(100).decode(new ChunkedFrameSource(this.account, header(101))))
			.isInstanceOf(FrameTooLargeException.class);
		assertThatThrownBy(() -> new LengthHeaderDecoder(100)
			.decode(new ChunkedFrameSource(this.account, new byte[] { (byte) 0xFF, 0, 0, 0 })))
			.as("lengths of 2 GiB and more are not negative")
			.isInstanceOf(FrameTooLargeException.class);
		ChunkedFrameSource announced = new ChunkedFrameSource(this.account, header(8 << 20), bytes("SQ"));
		assertThatThrownBy(() -> new LengthHeaderDecoder(8 << 20).decode(announced))
			.isInstanceOf(SoftEndOfStreamException.class);
		assertThat(this.account.held()).isLessThan(1024);
	}

	@Test
	void repliesAreFramedTheWayRequestsAre() throws IOException {
		WireReply squares = WireReply.list("[", List.of("1, 4", "9"), ", ", "]");
		assertThat(encode(FrameEncoder.LF, squares)).isEqualTo(bytes("[1, 4, 9]\n"));
		assertThat(encode(FrameEncoder.CRLF, "PONG")).isEqualTo(bytes("PONG\r\n"));
		assertThat(encode(FrameEncoder.STX_ETX, squares)).isEqualTo(bytes("\u0002[1, 4, 9]\u0003"));
		assertThat(encode(FrameEncoder.LENGTH_HEADER, squares)).isEqualTo(concat(header(9), bytes("[1, 4, 9]")));
		assertThat(encode(FrameEncoder.LENGTH_HEADER, "Grüß")).isEqualTo(concat(header(6), bytes("Grüß")));
	}

	private static byte[] encode(FrameEncoder encoder, Object reply) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		encoder.encode(reply, out);
		return out.toByteArray();
	}

	private ChunkedFrameSource source(String... segments) {
		return new ChunkedFrameSource(this.account,
				Arrays.stream(segments).map(FrameDecodersTest::bytes).toArray(byte[][]::new));
	}

	private static byte[] header(int length) {
		return ByteBuffer.allocate(4).putInt(length).array();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
