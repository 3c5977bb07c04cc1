package io.socketcore.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Scans of a frame's bytes that every request pays for in proportion to its size: the
 * search for the end of a line and the check that a line is printable ASCII. Both look at
 * eight bytes at a time (SWAR: one {@code long} read, a few arithmetic steps) and at the
 * remaining ones singly (docs/design.md has the profile and the figures).
 */
public final class AsciiScan {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long SPACES = ONES * ' ';

	private static final long DELETES = ONES * 0x7F;

	private AsciiScan() {
	}

	/**
	 * The index of the first {@code wanted} byte in {@code bytes[from, to)}, or -1.
	 */
	public static int indexOf(byte[] bytes, int from, int to, byte wanted) {
		Objects.checkFromToIndex(from, to, bytes.length);
		long pattern = ONES * (wanted & 0xFF);
		int i = from;
		for (; i <= to - Long.BYTES; i += Long.BYTES) {
			long zeroWhereWanted = (long) LONGS.get(bytes, i) ^ pattern;
			long found = zeroBytes(zeroWhereWanted);
			if (found != 0) {
				// Little-endian: the lowest flagged byte is the first in the array, and a
				// flag below the first real match is never set.
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < to; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Whether every byte is printable ASCII (0x20 to 0x7E) or a tab.
	 */
	public static boolean isPrintable(byte[] bytes) {
		int i = 0;
		for (; i <= bytes.length - Long.BYTES; i += Long.BYTES) {
			long word = (long) LONGS.get(bytes, i);
			long suspicious = (word & HIGH_BITS) | ((word - SPACES) & ~word & HIGH_BITS) | zeroBytes(word ^ DELETES);
			// A tab is below the space too: look at such a word's bytes one by one.
			if (suspicious != 0 && !isPrintable(bytes, i, i + Long.BYTES)) {
				return false;
			}
		}
		return isPrintable(bytes, i, bytes.length);
	}

	private static boolean isPrintable(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if ((b < 0x20 && b != '\t') || b == 0x7F) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A high bit set in the lowest zero byte of {@code word} (and possibly in bytes above
	 * it), none if no byte is zero.
	 */
	private static long zeroBytes(long word) {
		return (word - ONES) & ~word & HIGH_BITS;
	}

}
