package io.socketcore.tcp.connection;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.framing.LineDecoder;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connection's read buffer over a real socket pair: it starts small and grows for
 * clients that send more, and no line may be cut or lost at any of its boundaries.
 */
class ConnectionInputTest {

	@Test
	void linesOfEverySizeArriveWholeAndInOrderAcrossBufferBoundariesAndGrowth() throws Exception {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			// from empty lines to lines far longer than the largest buffer, with CR LF
			// now and then
			int length = (i * 7919) % (i % 100 == 0 ? 70_000 : 1500);
			lines.add("x".repeat(length) + i);
		}
		StringBuilder wire = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			wire.append(lines.get(i)).append(i % 3 == 0 ? "\r\n" : "\n");
		}
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			Thread writer = new Thread(() -> {
				try (OutputStream out = client.getOutputStream()) {
					out.write(wire.toString().getBytes(StandardCharsets.US_ASCII));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			writer.start();
			AtomicInteger blockingReads = new AtomicInteger();
			MemoryBudget budget = MemoryBudget.unlimited();
			ConnectionInput input = new ConnectionInput(accepted, blockingReads::incrementAndGet, budget.account(0),
					budget.account(0));
			LineDecoder decoder = new LineDecoder(1 << 20, 0);
			for (String expected : lines) {
				assertThat(new String(decoder.decode(input), StandardCharsets.US_ASCII)).isEqualTo(expected);
			}
			assertThatThrownBy(() -> decoder.decode(input)).isInstanceOf(SoftEndOfStreamException.class);
			writer.join();
			// 1 KiB reads throughout would take more than wire.length() / 1024 of them
			assertThat(blockingReads.get()).isLessThan(wire.length() / 1024);
		}
	}

	/**
	 * A client of requests a little longer than a quarter of the grown buffer: the tail
	 * of one that took two reads is no sign that the client now sends little, so the
	 * buffer stays grown and every request after the first few takes one read. It shrinks
	 * once the client's requests are small.
	 */
	@Test
	void aClientOfRequestsLongerThanOneSmallReadKeepsTheGrownBufferUntilItSendsLittle() throws Exception {
		String request = "SQUARE " + "1".repeat(4891);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			AtomicInteger blockingReads = new AtomicInteger();
			MemoryBudget budget = MemoryBudget.unlimited();
			MemoryBudget.Account buffers = budget.account(1024);
			ConnectionInput input = new ConnectionInput(accepted, blockingReads::incrementAndGet, budget.account(0),
					buffers);
			LineDecoder decoder = new LineDecoder(1 << 20, 0);
			for (int i = 0; i < 12; i++) {
				int readsBefore = blockingReads.get();
				assertThat(readLine(client, accepted, decoder, input, request)).isEqualTo(request);
				if (i >= 3) {
					assertThat(buffers.held()).as("request %d", i).isEqualTo(15 * 1024);
					assertThat(blockingReads.get() - readsBefore).as("reads of request %d", i).isEqualTo(1);
				}
			}
			readLine(client, accepted, decoder, input, "HELLO");
			readLine(client, accepted, decoder, input, "HELLO");
			assertThat(buffers.held()).as("after small requests").isZero();
		}
	}

	/** Sends the line and decodes it once all of it has arrived. */
	private static String readLine(Socket client, Socket accepted, LineDecoder decoder, ConnectionInput input,
			String line) throws Exception {
		byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
		client.getOutputStream().write(bytes);
		Awaitility.await().until(() -> accepted.getInputStream().available() >= bytes.length);
		return new String(decoder.decode(input), StandardCharsets.US_ASCII);
	}

	/**
	 * A first line longer than the first read is read on without a timeout while its
	 * bytes are already there: the JDK's socket turns non-blocking for good at its first
	 * timed read, and every later read would then poll first. Silence is still timed.
	 */
	@Test
	void aFirstLineWhoseBytesAreWaitingIsReadOnWithoutATimedRead() throws Exception {
		List<Integer> timeouts = new ArrayList<>();
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			Socket watched = new Socket() {

				@Override
				public java.io.InputStream getInputStream() throws java.io.IOException {
					return accepted.getInputStream();
				}

				@Override
				public int getSoTimeout() throws java.net.SocketException {
					return accepted.getSoTimeout();
				}

				@Override
				public void setSoTimeout(int timeout) throws java.net.SocketException {
					timeouts.add(timeout);
					accepted.setSoTimeout(timeout);
				}

			};
			MemoryBudget budget = MemoryBudget.unlimited();
			ConnectionInput input = new ConnectionInput(watched, () -> {
			}, budget.account(0), budget.account(0));
			LineDecoder decoder = new LineDecoder(1 << 20, 100);
			String first = "SQUARE " + "7 ".repeat(1500);
			client.getOutputStream().write((first + "\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(decoder.decode(input), StandardCharsets.US_ASCII)).isEqualTo(first);
			assertThat(timeouts).as("no timed read while the line's bytes were waiting").isEmpty();

			client.getOutputStream().write("HELLO\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(decoder.decode(input), StandardCharsets.US_ASCII)).isEqualTo("HELLO");
			assertThat(timeouts).as("a second line is never timed").isEmpty();
		}
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			MemoryBudget budget = MemoryBudget.unlimited();
			ConnectionInput input = new ConnectionInput(accepted, () -> {
			}, budget.account(0), budget.account(0));
			client.getOutputStream().write("Hello, server!".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(new LineDecoder(1 << 20, 100).decode(input), StandardCharsets.US_ASCII))
				.as("an unterminated first message is still returned after the quiet period")
				.isEqualTo("Hello, server!");
			assertThat(input.lastFrameEnd()).isEqualTo(io.socketcore.tcp.framing.FrameEnd.UNTERMINATED);
		}
	}

}
