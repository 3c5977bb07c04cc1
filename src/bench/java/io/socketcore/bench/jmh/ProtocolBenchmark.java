package io.socketcore.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.AsciiOutput;
import io.socketcore.protocol.AsciiScan;
import io.socketcore.protocol.JsonRequests;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.RequestParser;
import io.socketcore.protocol.TextReplyFormatter;

/**
 * The protocol's share of a request, on its own: parsing a frame into a request, and
 * formatting a reply for the wire, in the text protocol and in JSON. The squares
 * themselves are {@link SquaresBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtocolBenchmark {

	private static final RequestParser PARSER = new RequestParser(new NumberLimits(1_000_000, 1000));

	private static final MemoryBudget.Account MEMORY = MemoryBudget.unlimited().account(0);

	private final byte[] hello = "HELLO".getBytes(StandardCharsets.US_ASCII);

	private byte[] squareThousand;

	private byte[] squareThousandLine;

	private byte[] jsonSquareThousand;

	private byte[] squareMillion;

	private byte[] jsonSquareMillion;

	private byte[] jsonSquareMillionThenId;

	private Reply squaresOfThousand;

	private final WriteBuffer bytesBuffer = new WriteBuffer();

	private final WriteBuffer asciiBuffer = new AsciiWriteBuffer();

	@Setup
	public void setUp() {
		String thousand = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(" "));
		this.squareThousand = ("SQUARE " + thousand).getBytes(StandardCharsets.US_ASCII);
		this.squareThousandLine = Arrays.copyOf(this.squareThousand, this.squareThousand.length + 1);
		this.squareThousandLine[this.squareThousand.length] = '\n';
		this.jsonSquareThousand = ("{\"id\":7,\"op\":\"square\",\"numbers\":[" + thousand.replace(' ', ',') + "]}")
			.getBytes(StandardCharsets.US_ASCII);
		this.squareMillion = IntStream.range(0, 1_000_000)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(" ", "SQUARE ", ""))
			.getBytes(StandardCharsets.US_ASCII);
		String million = IntStream.range(0, 1_000_000).mapToObj(Integer::toString).collect(Collectors.joining(","));
		this.jsonSquareMillion = ("{\"op\":\"square\",\"numbers\":[" + million + "]}")
			.getBytes(StandardCharsets.US_ASCII);
		this.jsonSquareMillionThenId = ("{\"op\":\"square\",\"numbers\":[" + million + "],\"id\":7}")
			.getBytes(StandardCharsets.US_ASCII);
		this.squaresOfThousand = Reply.squares(java.util.List.of(IntStream.rangeClosed(1, 1000)
			.mapToObj(n -> Long.toString((long) n * n))
			.collect(Collectors.joining(", "))));
	}

	@Benchmark
	public Object parseHello() {
		return PARSER.parseFrame(this.hello, MEMORY);
	}

	@Benchmark
	public Object parseSquareOfThousandNumbers() {
		return PARSER.parseFrame(this.squareThousand, MEMORY);
	}

	/**
	 * The framing's search for the end of that line (3.9 KB), eight bytes at a time.
	 */
	@Benchmark
	public int lineEndOfSquareOfThousandNumbers() {
		return AsciiScan.indexOf(this.squareThousandLine, 0, this.squareThousandLine.length, (byte) '\n');
	}

	/** The same, a byte at a time: the loop it replaced, as the baseline. */
	@Benchmark
	public int lineEndOfSquareOfThousandNumbersByteByByte() {
		byte[] line = this.squareThousandLine;
		for (int i = 0; i < line.length; i++) {
			if (line[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** The parser's check that the line is printable ASCII, eight bytes at a time. */
	@Benchmark
	public boolean printableSquareOfThousandNumbers() {
		return AsciiScan.isPrintable(this.squareThousand);
	}

	/** The same, a byte at a time: the loop it replaced, as the baseline. */
	@Benchmark
	public boolean printableSquareOfThousandNumbersByteByByte() {
		for (byte b : this.squareThousand) {
			if ((b < 0x20 && b != '\t') || b == 0x7F) {
				return false;
			}
		}
		return true;
	}

	@Benchmark
	public Object parseJsonSquareOfThousandNumbers() {
		return PARSER.parseFrame(this.jsonSquareThousand, MEMORY);
	}

	/**
	 * The frame of the big job: the check for control characters and the copy into a
	 * string (6.9 MB).
	 */
	@Benchmark
	public Object parseSquareOfMillionNumbers() {
		return PARSER.parseFrame(this.squareMillion, MEMORY);
	}

	/**
	 * The JSON big job: its array of integers ends the request, and is read from the
	 * frame's bytes.
	 */
	@Benchmark
	public Object parseJsonSquareOfMillionNumbers() {
		return PARSER.parseFrame(this.jsonSquareMillion, MEMORY);
	}

	/**
	 * The same with a field after the array: read through Jackson's tokens.
	 */
	@Benchmark
	public Object parseJsonSquareOfMillionNumbersThenAnId() {
		return PARSER.parseFrame(this.jsonSquareMillionThenId, MEMORY);
	}

	@Benchmark
	public int formatTextReplyOfThousandSquares() throws java.io.IOException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
		TextReplyFormatter.format(this.squaresOfThousand).writeTo(out);
		return out.size();
	}

	/**
	 * The reply of {@code SQUARE 1..1000} (7.5 KB) into a connection's write buffer as
	 * bytes: each chunk of squares copied into a byte array first.
	 */
	@Benchmark
	public int writeReplyOfThousandSquaresAsBytes() throws java.io.IOException {
		this.bytesBuffer.reset();
		TextReplyFormatter.format(this.squaresOfThousand).writeTo(this.bytesBuffer);
		return this.bytesBuffer.count;
	}

	/**
	 * The same into a buffer that takes ASCII text as it is, as the connection's does.
	 */
	@Benchmark
	public int writeReplyOfThousandSquaresAsAscii() throws java.io.IOException {
		this.asciiBuffer.reset();
		TextReplyFormatter.format(this.squaresOfThousand).writeTo(this.asciiBuffer);
		return this.asciiBuffer.count;
	}

	@Benchmark
	public int formatJsonReplyOfThousandSquares() throws java.io.IOException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
		JsonRequests.format(this.squaresOfThousand, "7").writeTo(out);
		return out.size();
	}

	/** A connection's 16 KiB write buffer, reused for every reply. */
	static class WriteBuffer extends java.io.OutputStream {

		final byte[] buffer = new byte[16 * 1024];

		int count;

		void reset() {
			this.count = 0;
		}

		@Override
		public void write(int b) {
			this.buffer[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			System.arraycopy(bytes, offset, this.buffer, this.count, length);
			this.count += length;
		}

	}

	static final class AsciiWriteBuffer extends WriteBuffer implements AsciiOutput {

		@Override
		@SuppressWarnings("deprecation")
		public void writeAscii(String text) {
			text.getBytes(0, text.length(), this.buffer, this.count);
			this.count += text.length();
		}

	}

}
