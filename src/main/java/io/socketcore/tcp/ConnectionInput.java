package io.socketcore.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The read side of one connection: a buffer over the socket that reads in blocks of 1 KiB, growing to 16 KiB
 * for clients that send more (Spring Integration's stock connection reads the socket one byte per system
 * call), finds LF-terminated lines with a scan of the buffer, and calls {@code beforeBlockingRead} each time
 * it is about to wait for the network, which is when pending replies must be flushed (the input is drained,
 * as in Netty and Redis).
 * <p>
 * It also recognises clients of the original Python server: a first message that never gets a terminator
 * is delivered as a frame after {@code unterminatedTimeoutMillis} of silence.
 */
final class ConnectionInput extends InputStream {

	/**
	 * An idle connection holds only this much (and the JDK's socket read borrows a native buffer of the
	 * read's size): with 10,000 idle connections, kilobytes count.
	 */
	private static final int INITIAL_BUFFER_SIZE = 1024;

	/** A connection whose reads fill its buffer gets a larger one, up to this size. */
	private static final int MAX_BUFFER_SIZE = 16 * 1024;

	private static final int INITIAL_LINE_CAPACITY = 256;

	private final Socket socket;

	private final InputStream socketInput;

	private final Runnable beforeBlockingRead;

	private final int unterminatedTimeoutMillis;

	private byte[] buffer = new byte[INITIAL_BUFFER_SIZE];

	private int position;

	private int limit;

	private boolean anyFrameRead;

	private boolean lastFrameUnterminated;

	private volatile boolean awaitingFrame;

	ConnectionInput(Socket socket, Runnable beforeBlockingRead, int unterminatedTimeoutMillis) throws IOException {
		this.socket = socket;
		this.socketInput = socket.getInputStream();
		this.beforeBlockingRead = beforeBlockingRead;
		this.unterminatedTimeoutMillis = unterminatedTimeoutMillis;
	}

	/** Bytes already received and not yet consumed: more requests are waiting if this is positive. */
	int buffered() {
		return this.limit - this.position;
	}

	boolean lastFrameUnterminated() {
		return this.lastFrameUnterminated;
	}

	/**
	 * True while the connection's thread waits for the network with nothing received and unanswered:
	 * between requests, the moment a graceful shutdown may close it without losing anything.
	 */
	boolean awaitingFrame() {
		return this.awaitingFrame;
	}

	/**
	 * Whether the client has gone (end of stream or reset), found without blocking and without losing data:
	 * anything that arrived meanwhile is kept in the buffer for the next request. Only the connection's own
	 * thread may call this, between reads (for example while it waits for a long job).
	 */
	boolean peerGone() {
		if (this.limit == this.buffer.length && this.position == 0) {
			return false;
		}
		try {
			if (this.position > 0) {
				System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
				this.limit -= this.position;
				this.position = 0;
			}
			int idleTimeout = this.socket.getSoTimeout();
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
				this.socket.setSoTimeout(idleTimeout);
			}
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * Reads one line, LF-terminated, with one CR before the LF removed. At end of stream, a partial last line
	 * is returned as a frame (a client that half-closes after {@code PING} without LF still gets {@code PONG}).
	 * @throws FrameTooLargeException when the line exceeds {@code maxBytes} (terminator excluded)
	 * @throws SoftEndOfStreamException at a clean end of stream between frames
	 */
	byte[] readLine(int maxBytes) throws IOException {
		this.lastFrameUnterminated = false;
		byte[] partial = null;
		int partialLength = 0;
		while (true) {
			if (this.position == this.limit) {
				int read = (partialLength > 0 && !this.anyFrameRead && this.unterminatedTimeoutMillis > 0)
						? fillOrTimeOut() : fill(partialLength == 0);
				if (read == -2) {
					this.lastFrameUnterminated = true;
					return finish(partial, partialLength);
				}
				if (read < 0) {
					if (partialLength > 0) {
						return finish(partial, partialLength);
					}
					throw new SoftEndOfStreamException("Stream closed between frames");
				}
			}
			int newline = indexOfNewline();
			int end = newline >= 0 ? newline : this.limit;
			int segment = end - this.position;
			if (partialLength + segment > maxBytes + 1) {
				throw new FrameTooLargeException(maxBytes);
			}
			if (newline >= 0 && partial == null) {
				byte[] line = Arrays.copyOfRange(this.buffer, this.position, stripCr(this.buffer, this.position, end));
				this.position = newline + 1;
				return checked(line, maxBytes);
			}
			if (partial == null) {
				partial = new byte[Math.min(Math.max(INITIAL_LINE_CAPACITY, segment * 2), maxBytes + 1)];
			}
			else if (partialLength + segment > partial.length) {
				partial = Arrays.copyOf(partial, Math.min(Math.max(partial.length * 2, partialLength + segment),
						maxBytes + 1));
			}
			System.arraycopy(this.buffer, this.position, partial, partialLength, segment);
			partialLength += segment;
			this.position = end;
			if (newline >= 0) {
				this.position = newline + 1;
				return checked(Arrays.copyOf(partial, stripCr(partial, 0, partialLength)), maxBytes);
			}
		}
	}

	private byte[] finish(byte[] partial, int length) {
		this.anyFrameRead = true;
		return Arrays.copyOf(partial, length);
	}

	private byte[] checked(byte[] line, int maxBytes) throws FrameTooLargeException {
		if (line.length > maxBytes) {
			throw new FrameTooLargeException(maxBytes);
		}
		this.anyFrameRead = true;
		return line;
	}

	private static int stripCr(byte[] bytes, int start, int end) {
		return (end > start && bytes[end - 1] == '\r') ? end - 1 : end;
	}

	private int indexOfNewline() {
		byte[] bytes = this.buffer;
		for (int i = this.position; i < this.limit; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** Like {@link #fill()}, but returns -2 when nothing arrives within the unterminated-message timeout. */
	private int fillOrTimeOut() throws IOException {
		int idleTimeout = this.socket.getSoTimeout();
		this.socket.setSoTimeout(this.unterminatedTimeoutMillis);
		try {
			return fill();
		}
		catch (SocketTimeoutException ex) {
			return -2;
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout(idleTimeout);
			}
		}
	}

	private int fill() throws IOException {
		return fill(false);
	}

	private int fill(boolean betweenFrames) throws IOException {
		this.beforeBlockingRead.run();
		if (this.limit == this.buffer.length && this.buffer.length < MAX_BUFFER_SIZE) {
			// The last read filled the buffer: this client sends more than small requests.
			this.buffer = new byte[Math.min(this.buffer.length * 4, MAX_BUFFER_SIZE)];
		}
		this.position = 0;
		this.limit = 0;
		this.awaitingFrame = betweenFrames;
		try {
			int read = this.socketInput.read(this.buffer, 0, this.buffer.length);
			if (read > 0) {
				this.limit = read;
			}
			return read;
		}
		finally {
			this.awaitingFrame = false;
		}
	}

	@Override
	public int read() throws IOException {
		if (this.position == this.limit && fill(true) <= 0) {
			return -1;
		}
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.limit && fill(true) <= 0) {
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
