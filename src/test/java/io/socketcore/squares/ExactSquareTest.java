package io.socketcore.squares;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wide fast path (values up to 18 digits, squares up to 36) against BigInteger.
 */
class ExactSquareTest {

	@ParameterizedTest
	@ValueSource(longs = { 3_037_000_500L, 999_999_999_999_999_999L, 1_000_000_000L, 1_000_000_001L,
			100_000_000_000_000_000L, 123_456_789_000_000_001L, 4_294_967_296L, 999_999_999L * 1_000_000_000L })
	void wideSquaresMatchBigInteger(long value) {
		assertThat(wide(value)).isEqualTo(BigInteger.valueOf(value).pow(2).toString());
	}

	@Test
	void randomWideSquaresMatchBigInteger() {
		SplittableRandom random = new SplittableRandom(20261127);
		for (int i = 0; i < 200_000; i++) {
			long value = random.nextLong(ExactSquare.LONG_SQUARE_LIMIT + 1, 1_000_000_000_000_000_000L);
			assertThat(wide(value)).isEqualTo(BigInteger.valueOf(value).pow(2).toString());
		}
	}

	private static String wide(long value) {
		StringBuilder out = new StringBuilder();
		ExactSquare.appendWideSquare(out, value);
		return out.toString();
	}

}
