package io.socketcore.protocol;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AsciiScanTest {

	@Test
	void findsEveryByteValueAtEveryPositionOfAWordAndOfTheTail() {
		for (int value = 0; value < 256; value++) {
			byte wanted = (byte) value;
			for (int length = 0; length <= 19; length++) {
				for (int at = 0; at < length; at++) {
					// Neighbours one above and one below the wanted byte: the values a
					// borrow between bytes could confuse with it.
					byte[] bytes = filled(length, (byte) (value + 1));
					for (int i = 0; i < at; i++) {
						bytes[i] = (byte) (value - 1);
					}
					bytes[at] = wanted;
					assertThat(AsciiScan.indexOf(bytes, 0, length, wanted)).as("0x%02X at %d of %d", value, at, length)
						.isEqualTo(at);
				}
				assertThat(AsciiScan.indexOf(filled(length, (byte) (value ^ 0x80)), 0, length, wanted)).isEqualTo(-1);
			}
		}
	}

	@Test
	void findsTheFirstOfSeveralAndOnlyWithinTheRange() {
		byte[] line = "SQUARE 1 2\n3 4\nrest".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		assertThat(AsciiScan.indexOf(line, 0, line.length, (byte) '\n')).isEqualTo(10);
		assertThat(AsciiScan.indexOf(line, 11, line.length, (byte) '\n')).isEqualTo(14);
		assertThat(AsciiScan.indexOf(line, 0, 10, (byte) '\n')).isEqualTo(-1);
		assertThat(AsciiScan.indexOf(line, 15, line.length, (byte) '\n')).isEqualTo(-1);
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> AsciiScan.indexOf(line, 5, line.length + 1, (byte) '\n'));
	}

	@Test
	void agreesWithAByteByByteSearchOnRandomBytesAtEveryOffset() {
		Random random = new Random(12345);
		for (int round = 0; round < 20_000; round++) {
			byte[] bytes = new byte[random.nextInt(40)];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) (random.nextBoolean() ? random.nextInt(256)
						: "\n\u0002\u0003 9".charAt(random.nextInt(5)));
			}
			int from = (bytes.length == 0) ? 0 : random.nextInt(bytes.length);
			int to = from + random.nextInt(bytes.length - from + 1);
			byte wanted = (byte) "\n\u0003\u00ff".charAt(random.nextInt(3));
			assertThat(AsciiScan.indexOf(bytes, from, to, wanted)).isEqualTo(byteByByte(bytes, from, to, wanted));
		}
	}

	@Test
	void printableIsEveryByteFromSpaceToTildeAndTheTabAtEveryPosition() {
		for (int value = 0; value < 256; value++) {
			boolean printable = (value >= 0x20 && value <= 0x7E) || value == '\t';
			for (int length = 1; length <= 19; length++) {
				for (int at = 0; at < length; at++) {
					byte[] bytes = filled(length, (byte) '7');
					bytes[at] = (byte) value;
					assertThat(AsciiScan.isPrintable(bytes)).as("0x%02X at %d of %d", value, at, length)
						.isEqualTo(printable);
				}
			}
		}
	}

	@Test
	void printableAgreesWithAByteByByteCheckOnRandomLines() {
		Random random = new Random(54321);
		for (int round = 0; round < 20_000; round++) {
			byte[] bytes = new byte[random.nextInt(40)];
			for (int i = 0; i < bytes.length; i++) {
				int roll = random.nextInt(100);
				bytes[i] = (byte) ((roll < 2) ? random.nextInt(256) : (roll < 6) ? '\t' : 0x20 + random.nextInt(0x5F));
			}
			assertThat(AsciiScan.isPrintable(bytes)).isEqualTo(printableByteByByte(bytes));
		}
		assertThat(AsciiScan.isPrintable(new byte[0])).isTrue();
	}

	private static byte[] filled(int length, byte value) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, value);
		return bytes;
	}

	private static int byteByByte(byte[] bytes, int from, int to, byte wanted) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	private static boolean printableByteByByte(byte[] bytes) {
		for (byte b : bytes) {
			if ((b < 0x20 || b > 0x7E) && b != '\t') {
				return false;
			}
		}
		return true;
	}

}
