package io.socketcore.tcp.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.socketcore.memory.MemoryBudget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's write buffer: what it charges to the memory budget as replies of
 * different sizes go through it, and that every byte reaches the socket in order.
 */
class ReplyOutputTest {

	private static final int GROWN_CHARGE = 15 * 1024;

	private final MemoryBudget budget = new MemoryBudget(1 << 20);

	private final ByteArrayOutputStream socket = new ByteArrayOutputStream();

	private final ReplyOutput output = new ReplyOutput(this.socket, this.budget.account(0));

	@Test
	void aClientWhoseRepliesNeedTheGrownBufferKeepsItAndGivesItBackAfterSmallOnes() throws IOException {
		byte[] sixKilobytes = reply(6 * 1024, 'a');
		this.output.write(sixKilobytes);
		assertThat(this.budget.used()).isEqualTo(GROWN_CHARGE);
		this.output.flushAndShrink();
		assertThat(this.budget.used()).as("kept for the next reply of its size").isEqualTo(GROWN_CHARGE);

		this.output.write(sixKilobytes);
		this.output.flushAndShrink();
		assertThat(this.budget.used()).isEqualTo(GROWN_CHARGE);

		this.output.write(reply(15, 'b'));
		this.output.flushAndShrink();
		assertThat(this.budget.used()).as("a batch a quarter of it would have held").isZero();

		assertThat(this.socket.toByteArray()).hasSize(2 * sixKilobytes.length + 15);
	}

	/**
	 * A request longer than one read makes the input run dry before it is whole, with no
	 * reply written since the last drain: that says nothing about the next reply's size.
	 */
	@Test
	void aDrainWithNoReplySinceTheLastKeepsTheGrownBuffer() throws IOException {
		byte[] sevenKilobytes = reply(7 * 1024, 'e');
		for (int request = 0; request < 3; request++) {
			this.output.write(sevenKilobytes);
			this.output.flushAndShrink();
			this.output.flushAndShrink();
			assertThat(this.budget.used()).as("request %d", request).isEqualTo(GROWN_CHARGE);
		}
		assertThat(this.socket.toByteArray()).hasSize(3 * sevenKilobytes.length);
	}

	@Test
	void smallRepliesNeverGrowTheBufferAndBigOnesGoStraightToTheSocket() throws IOException {
		for (int i = 0; i < 100; i++) {
			this.output.write(reply(15, 'c'));
			this.output.flushAndShrink();
		}
		assertThat(this.budget.used()).isZero();
		byte[] big = reply(200_000, 'd');
		this.output.write(big);
		this.output.flushAndShrink();
		assertThat(this.budget.used()).isZero();
		byte[] written = this.socket.toByteArray();
		assertThat(Arrays.copyOfRange(written, 1500, written.length)).isEqualTo(big);
	}

	@Test
	void asciiTextGoesOutAsItsBytesWouldInOrderAndGrowsTheBufferAsTheyWould() throws IOException {
		String sixKilobytes = numbers(1, 1200);
		String biggerThanTheBuffer = numbers(1201, 6000);
		this.output.write("[".getBytes(StandardCharsets.US_ASCII));
		this.output.writeAscii(sixKilobytes);
		assertThat(this.budget.used()).as("grown for a reply of a few kilobytes").isEqualTo(GROWN_CHARGE);
		this.output.writeAscii(", ");
		this.output.writeAscii(biggerThanTheBuffer);
		this.output.write("]\n".getBytes(StandardCharsets.US_ASCII));
		this.output.flushAndShrink();
		assertThat(new String(this.socket.toByteArray(), StandardCharsets.US_ASCII))
			.isEqualTo("[" + sixKilobytes + ", " + biggerThanTheBuffer + "]\n");
	}

	private static String numbers(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining(", "));
	}

	private static byte[] reply(int length, char fill) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) fill);
		bytes[length - 1] = '\n';
		return bytes;
	}

}
