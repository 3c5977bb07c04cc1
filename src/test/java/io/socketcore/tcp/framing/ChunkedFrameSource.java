package io.socketcore.tcp.framing;

import java.util.ArrayDeque;
import java.util.Deque;

import io.socketcore.memory.MemoryBudget;

/**
 * A {@link FrameSource} that delivers given segments one read at a time, as the network
 * may, and records whether each read waited between frames; {@link #QUIET} segments stand
 * for silence.
 */
final class ChunkedFrameSource implements FrameSource {

	static final byte[] SILENCE = new byte[0];

	private final Deque<byte[]> segments = new ArrayDeque<>();

	private final MemoryBudget.Account account;

	private final StringBuilder reads = new StringBuilder();

	private byte[] buffer = new byte[0];

	private int position;

	private boolean anyFrameRead;

	private FrameEnd lastEnd = FrameEnd.TERMINATED;

	ChunkedFrameSource(MemoryBudget.Account account, byte[]... segments) {
		this.account = account;
		for (byte[] segment : segments) {
			this.segments.add(segment);
		}
	}

	/**
	 * One letter per read: {@code b} between frames, {@code m} inside one, {@code q} a
	 * read with a time limit.
	 */
	String reads() {
		return this.reads.toString();
	}

	FrameEnd lastEnd() {
		return this.lastEnd;
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
		return this.buffer.length;
	}

	@Override
	public void position(int position) {
		this.position = position;
	}

	@Override
	public int fill(boolean betweenFrames) {
		this.reads.append(betweenFrames ? 'b' : 'm');
		return next();
	}

	@Override
	public int fillWithin(int millis) {
		this.reads.append('q');
		if (this.segments.peek() == SILENCE) {
			this.segments.poll();
			return QUIET;
		}
		return next();
	}

	private int next() {
		byte[] segment = this.segments.poll();
		while (segment == SILENCE) {
			segment = this.segments.poll();
		}
		if (segment == null) {
			return -1;
		}
		this.buffer = segment;
		this.position = 0;
		return segment.length;
	}

	@Override
	public boolean anyFrameRead() {
		return this.anyFrameRead;
	}

	@Override
	public void frameRead(FrameEnd end) {
		this.anyFrameRead = true;
		this.lastEnd = end;
	}

	@Override
	public MemoryBudget.Account account() {
		return this.account;
	}

}
