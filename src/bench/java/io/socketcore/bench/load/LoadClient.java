package io.socketcore.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load client: {@code connections} persistent connections spread over
 * {@code threads} NIO selector threads, each connection keeping {@code depth} requests in
 * flight (1 = send, wait for the reply, send again; more = pipelining). Every reply line
 * is checked and counted, and its latency recorded from the moment its request was
 * written.
 * <p>
 * It measures its own cost too: the CPU time of its selector threads during the
 * measurement, per request, printed beside the server's. A client is not the bottleneck
 * when giving it more threads no longer raises the rate against the fastest server
 * ({@code --scenarios=client} shows that).
 */
final class LoadClient {

	private LoadClient() {
	}

	/**
	 * @param serverCpuNanos CPU time the server process used during the measurement, or
	 * -1 if unknown
	 * @param clientCpuNanos CPU time the client's selector threads used during the
	 * measurement, or -1
	 */
	record Result(long requests, double seconds, Histogram latencyMicros, long errors, long serverCpuNanos,
			long clientCpuNanos) {

		double perSecond() {
			return this.requests / this.seconds;
		}

		/**
		 * The two measurements as one: their requests, time and CPU summed, their
		 * latencies in one histogram. Of two slices of equal length the rate is the mean
		 * of theirs: the median of an even number of slices.
		 */
		Result pooledWith(Result other) {
			Histogram latencies = this.latencyMicros.copy();
			latencies.add(other.latencyMicros);
			return new Result(this.requests + other.requests, this.seconds + other.seconds, latencies,
					this.errors + other.errors, sum(this.serverCpuNanos, other.serverCpuNanos),
					sum(this.clientCpuNanos, other.clientCpuNanos));
		}

		private static long sum(long nanos, long otherNanos) {
			return (nanos < 0 || otherNanos < 0) ? -1 : nanos + otherNanos;
		}

		/** The server's CPU time per request, in microseconds, or -1 if unknown. */
		double serverCpuMicrosPerRequest() {
			return perRequest(this.serverCpuNanos);
		}

		/**
		 * The load client's own CPU time per request, in microseconds, or -1 if unknown.
		 */
		double clientCpuMicrosPerRequest() {
			return perRequest(this.clientCpuNanos);
		}

		private double perRequest(long nanos) {
			return nanos < 0 || this.requests == 0 ? -1 : nanos / 1e3 / this.requests;
		}

	}

	static Result run(int port, int connections, int depth, byte[] request, Duration warmUp, Duration measure,
			String expectedPrefix) throws IOException {
		return run(port, connections, depth, request, warmUp, measure, expectedPrefix, () -> -1, 1);
	}

	/**
	 * As the other {@code run}, on {@code threads} selector threads, also reading the
	 * server's CPU time at the start and end of the measurement.
	 */
	static Result run(int port, int connections, int depth, byte[] request, Duration warmUp, Duration measure,
			String expectedPrefix, LongSupplier serverCpuNanos, int threads) throws IOException {
		int loops = Math.max(1, Math.min(threads, connections));
		long start = System.nanoTime();
		long measureFrom = start + warmUp.toNanos();
		long measureUntil = measureFrom + measure.toNanos();
		CountDownLatch measuring = new CountDownLatch(loops);
		List<FutureTask<Loop>> tasks = new ArrayList<>();
		for (int i = 0; i < loops; i++) {
			int share = connections / loops + (i < connections % loops ? 1 : 0);
			Loop loop = new Loop(port, share, depth, request, expectedPrefix, measureFrom, measureUntil, measuring);
			FutureTask<Loop> task = new FutureTask<>(loop);
			tasks.add(task);
			Thread thread = new Thread(task, "load-client-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		long cpuAtStart = -1;
		try {
			measuring.await();
			cpuAtStart = serverCpuNanos.getAsLong();
			Histogram histogram = new Histogram(3_600_000_000L, 3);
			long requests = 0;
			long errors = 0;
			long clientCpu = 0;
			for (FutureTask<Loop> task : tasks) {
				Loop loop = task.get();
				if (loop.failure != null) {
					throw loop.failure;
				}
				histogram.add(loop.histogram);
				requests += loop.counted;
				errors += loop.errors;
				clientCpu = (clientCpu < 0 || loop.cpuNanos < 0) ? -1 : clientCpu + loop.cpuNanos;
			}
			long cpuAtEnd = serverCpuNanos.getAsLong();
			return new Result(requests, measure.toNanos() / 1e9, histogram, errors,
					cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart, clientCpu);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		catch (ExecutionException ex) {
			throw new IOException(ex.getCause());
		}
	}

	/** One selector thread and its connections. */
	private static final class Loop implements java.util.concurrent.Callable<Loop> {

		private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

		private final int port;

		private final int connections;

		private final int depth;

		private final byte[] request;

		private final String expectedPrefix;

		private final long measureFrom;

		private final long measureUntil;

		private final CountDownLatch measuring;

		final Histogram histogram = new Histogram(3_600_000_000L, 3);

		long counted;

		long errors;

		long cpuNanos = -1;

		IOException failure;

		Loop(int port, int connections, int depth, byte[] request, String expectedPrefix, long measureFrom,
				long measureUntil, CountDownLatch measuring) {
			this.port = port;
			this.connections = connections;
			this.depth = depth;
			this.request = request;
			this.expectedPrefix = expectedPrefix;
			this.measureFrom = measureFrom;
			this.measureUntil = measureUntil;
			this.measuring = measuring;
		}

		@Override
		public Loop call() {
			boolean signalled = false;
			try (Selector selector = Selector.open()) {
				List<Connection> all = new ArrayList<>();
				// One buffer of `depth` requests, shared read-only: refilling a
				// connection allocates nothing.
				ByteBuffer requests = ByteBuffer.allocateDirect(this.request.length * this.depth);
				for (int i = 0; i < this.depth; i++) {
					requests.put(this.request);
				}
				requests.flip();
				for (int i = 0; i < this.connections; i++) {
					SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", this.port));
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
					channel.configureBlocking(false);
					Connection connection = new Connection(channel, requests, this.request.length, this.depth,
							this.expectedPrefix);
					connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
					all.add(connection);
				}
				long now = System.nanoTime();
				for (Connection connection : all) {
					connection.fill(now);
				}
				long cpuAtStart = -1;
				while ((now = System.nanoTime()) < this.measureUntil) {
					if (!signalled && now >= this.measureFrom) {
						cpuAtStart = THREADS.getCurrentThreadCpuTime();
						this.measuring.countDown();
						signalled = true;
					}
					selector.select(100);
					boolean measured = signalled;
					for (SelectionKey key : selector.selectedKeys()) {
						Connection connection = (Connection) key.attachment();
						if (key.isValid() && key.isWritable()) {
							connection.flush();
						}
						if (key.isValid() && key.isReadable()) {
							long replyTime = System.nanoTime();
							int replies = connection.read(replyTime, measured ? this.histogram : null);
							if (replies < 0) {
								throw new IOException("server closed a connection");
							}
							if (measured) {
								this.counted += replies;
								this.errors += connection.takeErrors();
							}
							connection.fill(replyTime);
						}
					}
					selector.selectedKeys().clear();
				}
				long cpuAtEnd = THREADS.getCurrentThreadCpuTime();
				this.cpuNanos = (cpuAtStart < 0 || cpuAtEnd < 0) ? -1 : cpuAtEnd - cpuAtStart;
				for (Connection connection : all) {
					connection.channel.close();
				}
			}
			catch (IOException ex) {
				this.failure = ex;
			}
			finally {
				if (!signalled) {
					this.measuring.countDown();
				}
			}
			return this;
		}

	}

	private static final class Connection {

		final SocketChannel channel;

		final ByteBuffer requests;

		final int requestLength;

		final int depth;

		final byte[] expectedPrefix;

		final long[] sentAt;

		SelectionKey key;

		int sentHead;

		int sentTail;

		int inFlight;

		final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

		ByteBuffer pendingOut;

		int lineStart;

		boolean lineOk = true;

		long errors;

		Connection(SocketChannel channel, ByteBuffer requests, int requestLength, int depth, String expectedPrefix) {
			this.channel = channel;
			this.requests = requests;
			this.requestLength = requestLength;
			this.depth = depth;
			this.expectedPrefix = expectedPrefix.getBytes(StandardCharsets.UTF_8);
			this.sentAt = new long[depth + 1];
		}

		void fill(long now) throws IOException {
			int toSend = this.depth - this.inFlight;
			if (toSend <= 0 || this.pendingOut != null) {
				return;
			}
			ByteBuffer out = this.requests.duplicate();
			out.limit(this.requestLength * toSend);
			for (int i = 0; i < toSend; i++) {
				this.sentAt[this.sentTail] = now;
				this.sentTail = (this.sentTail + 1) % this.sentAt.length;
			}
			this.inFlight += toSend;
			this.channel.write(out);
			if (out.hasRemaining()) {
				this.pendingOut = out;
				this.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
		}

		void flush() throws IOException {
			this.channel.write(this.pendingOut);
			if (!this.pendingOut.hasRemaining()) {
				this.pendingOut = null;
				this.key.interestOps(SelectionKey.OP_READ);
			}
		}

		/**
		 * Reads what arrived; returns the number of complete reply lines, -1 at end of
		 * stream.
		 */
		int read(long now, Histogram histogram) throws IOException {
			if (!this.in.hasRemaining()) {
				throw new IOException("a reply line longer than " + this.in.capacity() + " bytes");
			}
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
