package io.socketcore.tcp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.framing.FrameEnd;
import io.socketcore.tcp.framing.FrameSource;

/**
 * The read side of one connection: a block buffer over the socket that the listener's
 * framing scans in place (Spring Integration's stock connection reads the socket one byte
 * per system call). It calls {@code beforeBlockingRead} each time it is about to wait for
 * the network, which is when pending replies must be flushed (the input is drained, as in
 * Netty and Redis).
 * <p>
 * The buffer starts at 1 KiB and grows to 16 KiB for clients that fill it (growth is
 * charged to the memory budget, and skipped when refused); it shrinks back once the
 * client sends little again, so that 10,000 idle connections hold 10 MiB, not 160.
 */
final class ConnectionInput extends InputStream implements FrameSource {

	private static final int INITIAL_BUFFER_SIZE = 1024;

	private static final int MAX_BUFFER_SIZE = 16 * 1024;

	private static final int STREAM_START_BYTES = 16;

	private final Socket socket;

	private final InputStream socketInput;

	private final Runnable beforeBlockingRead;

	private final MemoryBudget.Account frames;

	private final MemoryBudget.Account buffers;

	private byte[] buffer = new byte[INITIAL_BUFFER_SIZE];

	private int position;

	private int limit;

	private int lastRead;

	/** Whether the last read began a frame, rather than went on with one. */
	private boolean lastReadBeganFrame;

	private boolean anyFrameRead;

	/**
	 * The first bytes the client sent, kept to tell the dialect of a first frame that the
	 * framing rejects.
	 */
	private byte[] streamStart = new byte[0];

	private FrameEnd lastFrameEnd = FrameEnd.TERMINATED;

	private volatile boolean awaitingFrame;

	private volatile long readWaitingSinceNanos;

	/**
	 * @param frames what frames are charged to (the connection's exchange)
	 * @param buffers what the buffer's growth is charged to
	 */
	ConnectionInput(Socket socket, Runnable beforeBlockingRead, MemoryBudget.Account frames,
			MemoryBudget.Account buffers) throws IOException {
		this.socket = socket;
		this.socketInput = socket.getInputStream();
		this.beforeBlockingRead = beforeBlockingRead;
		this.frames = frames;
		this.buffers = buffers;
	}

	/**
	 * Bytes already received and not yet consumed: more requests are waiting if this is
	 * positive.
	 */
	int buffered() {
		return this.limit - this.position;
	}

	/** The first bytes the client sent (at most 16), or none yet. */
	byte[] streamStart() {
		return this.streamStart;
	}

	/** How the frame being answered ended. */
	FrameEnd lastFrameEnd() {
		return this.lastFrameEnd;
	}

	/**
	 * True while the connection's thread waits for the network with nothing of a frame
	 * received: between requests, the moment a graceful shutdown may close it without
	 * losing anything.
	 */
	boolean awaitingFrame() {
		return this.awaitingFrame;
	}

	/**
	 * Since when the thread has waited for the client to send something; 0 while it is
	 * not waiting.
	 */
	long readWaitingSinceNanos() {
		return this.readWaitingSinceNanos;
	}

	/**
	 * Whether the client has gone (end of stream or reset), found without blocking and
	 * without losing data: anything that arrived meanwhile is kept in the buffer for the
	 * next request. Only the connection's own thread may call this, between reads (for
	 * example while it waits for a long job).
	 */
	boolean clientGone() {
		if (this.limit == this.buffer.length && this.position == 0) {
			return false;
		}
		try {
			if (this.position > 0) {
				System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
				this.limit -= this.position;
				this.position = 0;
			}
			int previousTimeout = this.socket.getSoTimeout();
			this.socket.setSoTimeout(1);
			try {
				int read = this.socketInput.read(this.buffer, this.limit, this.buffer.length - this.limit);
				if (read < 0) {
					return true;
				}
				this.limit += read;
				return false;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			finally {
				this.socket.setSoTimeout(previousTimeout);
			}
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public byte[] buffer() {
		return this.buffer;
	}

	@Override
	public int position() {
		return this.position;
	}

	@Override
	public int limit() {
		return this.limit;
	}

	@Override
	public void position(int position) {
		this.position = position;
	}

	@Override
	public boolean anyFrameRead() {
		return this.anyFrameRead;
	}

	@Override
	public void frameRead(FrameEnd end) {
		this.anyFrameRead = true;
		this.lastFrameEnd = end;
	}

	@Override
	public MemoryBudget.Account account() {
		return this.frames;
	}

	/**
	 * A timed read only when nothing is waiting: the JDK's socket takes its first timed
	 * read as the moment to turn non-blocking, for good, and every later read of the
	 * connection then costs a failed read and a poll more (a first request longer than
	 * the first read, e.g. {@code SQUARE 1..1000}, put that on every request after it).
	 */
	@Override
	public int fillWithin(int millis) throws IOException {
		if (this.socketInput.available() > 0) {
			return fill(false);
		}
		int previousTimeout = this.socket.getSoTimeout();
		this.socket.setSoTimeout(millis);
		try {
			return fill(false);
		}
		catch (SocketTimeoutException ex) {
			return QUIET;
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout(previousTimeout);
			}
		}
	}

	@Override
	public int fill(boolean betweenFrames) throws IOException {
		if (this.lastRead == this.buffer.length) {
			// A big frame is streaming in, and a virtual thread whose reads never wait
			// keeps its carrier: let
			// the other connections run between its reads.
			Thread.yield();
		}
		this.beforeBlockingRead.run();
		resizeForTheClient();
		this.position = 0;
		this.limit = 0;
		this.awaitingFrame = betweenFrames;
		this.readWaitingSinceNanos = System.nanoTime();
		try {
			int read = this.socketInput.read(this.buffer, 0, this.buffer.length);
			this.lastRead = read;
			this.lastReadBeganFrame = betweenFrames;
			if (read > 0) {
				this.limit = read;
				if (this.streamStart.length == 0) {
					this.streamStart = Arrays.copyOf(this.buffer, Math.min(read, STREAM_START_BYTES));
				}
			}
			return read;
		}
		finally {
			this.awaitingFrame = false;
			this.readWaitingSinceNanos = 0;
		}
	}

	/**
	 * Only with nothing left to consume in the buffer. A short read that went on with a
	 * frame is only the tail of a request longer than the buffer was: judged by it, a
	 * client of 5 KB requests would shrink the buffer after every one and grow it again
	 * for the next.
	 */
	private void resizeForTheClient() {
		int size = this.buffer.length;
		if (this.lastRead == size && size < MAX_BUFFER_SIZE) {
			// The last read filled the buffer: this client sends more than small
			// requests.
			int grown = Math.min(size * 4, MAX_BUFFER_SIZE);
			if (this.buffers.tryReserve(grown - size, MemoryBudget.Use.BUFFER)) {
				this.buffer = new byte[grown];
			}
		}
		else if (size > INITIAL_BUFFER_SIZE && this.lastReadBeganFrame && this.lastRead < size / 4) {
			this.buffer = new byte[INITIAL_BUFFER_SIZE];
			this.buffers.release(size - INITIAL_BUFFER_SIZE);
		}
	}

	@Override
	public int read() throws IOException {
		if (this.position == this.limit && fill(false) <= 0) {
			return -1;
		}
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit && fill(false) <= 0) {
			return -1;
		}
		int count = Math.min(length, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public int available() {
		return buffered();
	}

	@Override
	public void close() throws IOException {
		this.socketInput.close();
	}

}
