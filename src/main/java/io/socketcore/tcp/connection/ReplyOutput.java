package io.socketcore.tcp.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.AsciiOutput;

/**
 * The write side of one connection: replies gather in a buffer until the connection
 * flushes (when no further request is buffered), and large ones go to the socket
 * directly, in slices.
 * <p>
 * The buffer is 1 KiB, allocated at the first reply; it grows to 16 KiB for pipelining
 * clients and replies of a few kilobytes (charged to the memory budget, and only if the
 * budget allows), and drops back when the input has drained after a batch of replies that
 * a quarter of it would have held. A client whose every reply needs it keeps it, rather
 * than paying for a new one with each request, as the read side keeps its grown buffer.
 * Every slice that goes to the socket notes the time, so that a client that stops reading
 * is found by {@link #stalledSinceNanos()} and closed after the write timeout: a blocking
 * write has no timeout of its own.
 */
final class ReplyOutput extends OutputStream implements AsciiOutput {

	private static final int INITIAL_BUFFER_SIZE = 1024;

	private static final int MAX_BUFFER_SIZE = 16 * 1024;

	/** Progress is noted at least this often while a large reply is written. */
	private static final int SLICE = 64 * 1024;

	private final OutputStream socketOutput;

	private final MemoryBudget.Account buffers;

	private byte[] buffer;

	private int count;

	/** Bytes written since the input last drained. */
	private long batchBytes;

	private volatile long writingSinceNanos;

	ReplyOutput(OutputStream socketOutput, MemoryBudget.Account buffers) {
		this.socketOutput = socketOutput;
		this.buffers = buffers;
	}

	/**
	 * When the write now blocked on the socket last made progress; 0 when no write is in
	 * progress.
	 */
	long stalledSinceNanos() {
		return this.writingSinceNanos;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.batchBytes += length;
		if (makeRoomFor(length)) {
			System.arraycopy(bytes, offset, this.buffer, this.count, length);
			this.count += length;
		}
		else {
			writeToSocket(bytes, offset, length);
		}
	}

	/**
	 * Copies the text's characters into the buffer, with no byte array made for it first;
	 * text longer than the buffer goes to the socket whole, in slices, as bytes do.
	 */
	@Override
	// String.getBytes(int, int, byte[], int) takes each char's low byte: exact for ASCII.
	@SuppressWarnings("deprecation")
	public void writeAscii(String text) throws IOException {
		int length = text.length();
		this.batchBytes += length;
		if (makeRoomFor(length)) {
			text.getBytes(0, length, this.buffer, this.count);
			this.count += length;
		}
		else {
			writeToSocket(text.getBytes(StandardCharsets.ISO_8859_1), 0, length);
		}
	}

	/**
	 * Whether {@code length} bytes fit in the buffer now: grown if the budget allows, or
	 * flushed; if not, they are more than the buffer holds.
	 */
	private boolean makeRoomFor(int length) throws IOException {
		if (this.buffer == null) {
			this.buffer = new byte[INITIAL_BUFFER_SIZE];
		}
		if (length > this.buffer.length - this.count) {
			growFor(length);
		}
		if (length <= this.buffer.length - this.count) {
			return true;
		}
		flushBuffer();
		return length <= this.buffer.length;
	}

	private void growFor(int length) {
		int size = this.buffer.length;
		if (size < MAX_BUFFER_SIZE && this.count + length <= MAX_BUFFER_SIZE
				&& this.buffers.tryReserve(MAX_BUFFER_SIZE - size, MemoryBudget.Use.BUFFER)) {
			byte[] grown = new byte[MAX_BUFFER_SIZE];
			System.arraycopy(this.buffer, 0, grown, 0, this.count);
			this.buffer = grown;
		}
	}

	@Override
	public void flush() throws IOException {
		flushBuffer();
		this.socketOutput.flush();
	}

	/**
	 * Flushes, and gives back a grown buffer that this batch did not need: the client has
	 * no more requests waiting. With nothing written since the last time there was no
	 * batch to judge by: the input ran dry in the middle of a request longer than one
	 * read, and the client's next reply is as likely as its last to need the buffer.
	 */
	void flushAndShrink() throws IOException {
		flush();
		long written = this.batchBytes;
		this.batchBytes = 0;
		if (this.buffer != null && this.buffer.length > INITIAL_BUFFER_SIZE && written > 0
				&& written < this.buffer.length / 4) {
			this.buffers.release(this.buffer.length - INITIAL_BUFFER_SIZE);
			this.buffer = new byte[INITIAL_BUFFER_SIZE];
		}
	}

	private void flushBuffer() throws IOException {
		if (this.count > 0) {
			int pending = this.count;
			this.count = 0;
			writeToSocket(this.buffer, 0, pending);
		}
	}

	private void writeToSocket(byte[] bytes, int offset, int length) throws IOException {
		try {
			for (int done = 0; done < length; done += SLICE) {
				if (done > 0) {
					// A virtual thread keeps its carrier until it blocks: between slices
					// of a big reply, others run.
					Thread.yield();
				}
				this.writingSinceNanos = System.nanoTime();
				this.socketOutput.write(bytes, offset + done, Math.min(SLICE, length - done));
			}
		}
		finally {
			this.writingSinceNanos = 0;
		}
	}

	@Override
	public void close() throws IOException {
		this.socketOutput.close();
	}

}
