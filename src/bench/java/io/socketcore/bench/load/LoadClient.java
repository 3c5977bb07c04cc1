package io.socketcore.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load client on one NIO selector thread: {@code connections} persistent connections, each
 * keeping {@code depth} requests in flight (1 = send, wait for the reply, send again; more = pipelining).
 * Every reply line is counted and its latency recorded from the moment its request was written.
 */
final class LoadClient {

	private LoadClient() {
	}

	/**
	 * @param serverCpuNanos CPU time the server process used during the measurement, or -1 if unknown
	 */
	record Result(long requests, double seconds, Histogram latencyMicros, long errors, long serverCpuNanos) {

		double perSecond() {
			return this.requests / this.seconds;
		}

		/** The server's CPU time per request, in microseconds, or -1 if unknown. */
		double serverCpuMicrosPerRequest() {
			return this.serverCpuNanos < 0 || this.requests == 0 ? -1 : this.serverCpuNanos / 1e3 / this.requests;
		}

	}

	static Result run(int port, int connections, int depth, byte[] request, Duration warmUp, Duration measure,
			String expectedPrefix) throws IOException {
		return run(port, connections, depth, request, warmUp, measure, expectedPrefix, () -> -1);
	}

	/** As the other {@code run}, also reading the server's CPU time at the start and end of the measurement. */
	static Result run(int port, int connections, int depth, byte[] request, Duration warmUp, Duration measure,
			String expectedPrefix, LongSupplier serverCpuNanos) throws IOException {
		try (Selector selector = Selector.open()) {
			List<Connection> all = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				channel.configureBlocking(false);
				Connection connection = new Connection(channel, request, depth, expectedPrefix);
				channel.register(selector, SelectionKey.OP_READ, connection);
				all.add(connection);
			}
			Histogram histogram = new Histogram(3_600_000_000L, 3);
			long now = System.nanoTime();
			long measureFrom = now + warmUp.toNanos();
			long measureUntil = measureFrom + measure.toNanos();
			for (Connection connection : all) {
				connection.fill(selector, now);
			}
			long counted = 0;
			long errors = 0;
			long cpuAtStart = -1;
			while ((now = System.nanoTime()) < measureUntil) {
				if (cpuAtStart < 0 && now >= measureFrom) {
					cpuAtStart = serverCpuNanos.getAsLong();
				}
				selector.select(100);
				for (SelectionKey key : selector.selectedKeys()) {
					Connection connection = (Connection) key.attachment();
					if (key.isValid() && key.isWritable()) {
						connection.flush(key);
					}
					if (key.isValid() && key.isReadable()) {
						long replyTime = System.nanoTime();
						int replies = connection.read(replyTime, replyTime >= measureFrom ? histogram : null);
						if (replies < 0) {
							throw new IOException("server closed a connection");
						}
						if (replyTime >= measureFrom) {
							counted += replies;
							errors += connection.takeErrors();
						}
						connection.fill(selector, replyTime);
					}
				}
				selector.selectedKeys().clear();
			}
			long cpuAtEnd = serverCpuNanos.getAsLong();
			for (Connection connection : all) {
				connection.channel.close();
			}
			return new Result(counted, measure.toNanos() / 1e9, histogram, errors,
					cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart);
		}
	}

	private static final class Connection {

		final SocketChannel channel;

		final byte[] request;

		final int depth;

		final byte[] expectedPrefix;

		final long[] sentAt;

		int sentHead;

		int sentTail;

		int inFlight;

		final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);

		ByteBuffer pendingOut;

		int lineStart;

		boolean lineChecked;

		boolean lineOk = true;

		long errors;

		Connection(SocketChannel channel, byte[] request, int depth, String expectedPrefix) {
			this.channel = channel;
			this.request = request;
			this.depth = depth;
			this.expectedPrefix = expectedPrefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			this.sentAt = new long[depth + 1];
		}

		void fill(Selector selector, long now) throws IOException {
			int toSend = this.depth - this.inFlight;
			if (toSend <= 0 || this.pendingOut != null) {
				return;
			}
			ByteBuffer out = ByteBuffer.allocate(this.request.length * toSend);
			for (int i = 0; i < toSend; i++) {
				out.put(this.request);
				this.sentAt[this.sentTail] = now;
				this.sentTail = (this.sentTail + 1) % this.sentAt.length;
			}
			this.inFlight += toSend;
			out.flip();
			this.channel.write(out);
			if (out.hasRemaining()) {
				this.pendingOut = out;
				this.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
		}

		void flush(SelectionKey key) throws IOException {
			this.channel.write(this.pendingOut);
			if (!this.pendingOut.hasRemaining()) {
				this.pendingOut = null;
				key.interestOps(SelectionKey.OP_READ);
			}
		}

		/** Reads what arrived; returns the number of complete reply lines, -1 at end of stream. */
		int read(long now, Histogram histogram) throws IOException {
			int read = this.channel.read(this.in);
			if (read < 0) {
				return -1;
			}
			int replies = 0;
			int limit = this.in.position();
			for (int i = this.lineStart; i < limit; i++) {
				byte b = this.in.get(i);
				int offset = i - this.lineStart;
				if (offset < this.expectedPrefix.length && b != '\n' && b != this.expectedPrefix[offset]) {
					this.lineOk = false;
				}
				if (b == '\n') {
					if (!this.lineOk || offset < this.expectedPrefix.length) {
						this.errors++;
					}
					this.lineOk = true;
					this.lineStart = i + 1;
					replies++;
					long sent = this.sentAt[this.sentHead];
					this.sentHead = (this.sentHead + 1) % this.sentAt.length;
					this.inFlight--;
					if (histogram != null) {
						histogram.recordValue(Math.max(0, (now - sent) / 1000));
					}
				}
			}
			if (this.lineStart == limit) {
				this.in.clear();
				this.lineStart = 0;
			}
			else if (this.in.remaining() < this.in.capacity() / 4) {
				this.in.flip();
				this.in.position(this.lineStart);
				this.in.compact();
				this.lineStart = 0;
			}
			return replies;
		}

		long takeErrors() {
			long taken = this.errors;
			this.errors = 0;
			return taken;
		}

	}

}
