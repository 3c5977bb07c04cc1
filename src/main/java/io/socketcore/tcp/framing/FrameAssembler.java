package io.socketcore.tcp.framing;

import java.util.Arrays;

import io.socketcore.memory.MemoryBudget;

/**
 * The bytes of one frame that arrives over several reads, in an array that grows with
 * what has arrived (never to what a header announces), each growth charged to the
 * connection's account before it is allocated.
 */
final class FrameAssembler {

	private static final int INITIAL_CAPACITY = 256;

	private static final byte[] EMPTY = {};

	private final MemoryBudget.Account account;

	private final int maxCapacity;

	private byte[] bytes = EMPTY;

	private int length;

	FrameAssembler(MemoryBudget.Account account, int maxCapacity) {
		this.account = account;
		this.maxCapacity = maxCapacity;
	}

	int length() {
		return this.length;
	}

	byte byteAt(int index) {
		return this.bytes[index];
	}

	/**
	 * Appends {@code count} bytes; the caller has checked that the frame stays within its
	 * maximum.
	 */
	void append(byte[] source, int offset, int count) throws FrameRefusedException {
		int needed = this.length + count;
		if (needed > this.bytes.length) {
			int capacity = Math.max(needed,
					Math.min(Math.max(INITIAL_CAPACITY, this.bytes.length * 2), this.maxCapacity));
			// the old array and the new one are both alive while the bytes move over
			if (!this.account.tryReserve(capacity, MemoryBudget.Use.FRAME)) {
				throw new FrameRefusedException();
			}
			byte[] grown = Arrays.copyOf(this.bytes, capacity);
			this.account.release(this.bytes.length);
			this.bytes = grown;
		}
		System.arraycopy(source, offset, this.bytes, this.length, count);
		this.length = needed;
	}

	/**
	 * The first {@code frameLength} bytes as a frame of its own, charged; the growing
	 * array is returned.
	 */
	byte[] finish(int frameLength) throws FrameRefusedException {
		byte[] frame = copy(this.account, this.bytes, 0, frameLength);
		this.account.release(this.bytes.length);
		this.bytes = EMPTY;
		this.length = 0;
		return frame;
	}

	/** {@code source[from, to)} as a new array, charged to {@code account} first. */
	static byte[] copy(MemoryBudget.Account account, byte[] source, int from, int to) throws FrameRefusedException {
		if (!account.tryReserve(to - from, MemoryBudget.Use.FRAME)) {
			throw new FrameRefusedException();
		}
		return Arrays.copyOfRange(source, from, to);
	}

}
