package io.socketcore.squares;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.RequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberListScannerTest {

	private static final String[] SEPARATORS = { " ", ", ", ",", "\t", " ,\t", "  " };

	private static final String[] NUMBERS = { "0", "7", "-12", "+3", "1.5", "123456789012345678901", "-0.25" };

	private final Random random = new Random();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "1 2 3|3", "[1, 2, 3]|3", "[1,2,3,]|3", "\t1\t2 ,3 |3", "[ 1 ]|1", "[]|0",
			"''|0", "-1 +2 3.5|3", "[-1,[2]]|2", "é 1|2" })
	void theQuickCountRefusesOneNumberMoreThanTheLimit(String list, int numbers) {
		assertThatNoException().isThrownBy(() -> NumberListScanner.checkCount(list, numbers));
		if (numbers > 0) {
			assertThatThrownBy(() -> NumberListScanner.checkCount(list, numbers - 1)).isInstanceOfSatisfying(
					RequestException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TOO_MANY_NUMBERS));
		}
	}

	@RepeatedTest(200)
	void theQuickCountAgreesWithTheScanOnAnyWellFormedList() {
		int numbers = this.random.nextInt(40);
		StringBuilder list = new StringBuilder(this.random.nextBoolean() ? "[" : "");
		boolean bracketed = list.length() > 0;
		for (int i = 0; i < numbers; i++) {
			if (i > 0) {
				list.append(SEPARATORS[this.random.nextInt(SEPARATORS.length)]);
			}
			list.append(NUMBERS[this.random.nextInt(NUMBERS.length)]);
		}
		if (bracketed) {
			list.append((numbers > 0 && this.random.nextBoolean()) ? ",]" : "]");
		}
		String text = list.toString();
		List<Chunk> chunks = new ArrayList<>();
		int scanned = NumberListScanner.scan(text, 4, Integer.MAX_VALUE, new NumberLimits(1000, 1000), chunks::add);
		assertThat(scanned).as(text).isEqualTo(numbers);
		assertThatNoException().as(text).isThrownBy(() -> NumberListScanner.checkCount(text, numbers));
		if (numbers > 0) {
			assertThatThrownBy(() -> NumberListScanner.checkCount(text, numbers - 1)).as(text)
				.isInstanceOf(RequestException.class);
		}
	}

}
