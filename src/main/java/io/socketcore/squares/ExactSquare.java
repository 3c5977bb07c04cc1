package io.socketcore.squares;

import java.math.BigDecimal;
import java.math.BigInteger;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.RequestException;
import io.socketcore.protocol.Snippet;

/**
 * Squares one number given as text, exactly, and appends the result in Python's notation.
 * Integers up to {@link #LONG_SQUARE_LIMIT} take a {@code long} fast path with no
 * allocation, those up to 18 digits a two-{@code long} path; larger ones use
 * {@link BigInteger}, decimals {@link BigDecimal}.
 */
final class ExactSquare {

	/**
	 * The largest value whose square fits in a {@code long}: floor(sqrt(Long.MAX_VALUE)).
	 */
	static final long LONG_SQUARE_LIMIT = 3_037_000_499L;

	/**
	 * Digits of an integer below 10^18, whose square
	 * {@link #appendSquare(StringBuilder, long)} takes.
	 */
	static final int LONG_SAFE_DIGITS = 18;

	private ExactSquare() {
	}

	/**
	 * Appends the square of {@code text[start, end)} to {@code out}.
	 * @param position 1-based position of the number in the request, for error messages
	 */
	static void appendSquare(StringBuilder out, String text, int start, int end, int position, int maxDigits) {
		int i = start;
		char first = text.charAt(i);
		if (first == '+' || first == '-') {
			i++;
		}
		int integerStart = i;
		long value = 0;
		while (i < end && isDigit(text.charAt(i))) {
			value = value * 10 + (text.charAt(i) - '0');
			i++;
		}
		int integerDigits = i - integerStart;
		int fractionDigits = -1;
		if (i < end && text.charAt(i) == '.') {
			int fractionStart = ++i;
			while (i < end && isDigit(text.charAt(i))) {
				i++;
			}
			fractionDigits = i - fractionStart;
		}
		if (i != end || integerDigits == 0 || fractionDigits == 0) {
			throw badNumber(text, start, end, position);
		}
		int digits = integerDigits + Math.max(fractionDigits, 0);
		if (digits > maxDigits) {
			throw new RequestException(ErrorCode.NUMBER_TOO_LONG,
					"the number at position " + position + " has " + digits + " digits; the limit is " + maxDigits);
		}
		if (fractionDigits < 0) {
			if (integerDigits <= LONG_SAFE_DIGITS) {
				appendSquare(out, value);
			}
			else {
				BigInteger big = new BigInteger(text.substring(integerStart, end));
				out.append(big.multiply(big));
			}
		}
		else {
			BigDecimal decimal = new BigDecimal(text.substring(integerStart, end));
			appendDecimal(out, decimal.multiply(decimal));
		}
	}

	/**
	 * Appends the square of a value from 0 to 10^18 - 1 (an integer of at most
	 * {@link #LONG_SAFE_DIGITS} digits, its sign dropped).
	 */
	static void appendSquare(StringBuilder out, long value) {
		if (value <= LONG_SQUARE_LIMIT) {
			out.append(value * value);
		}
		else {
			appendWideSquare(out, value);
		}
	}

	private static final long BILLION = 1_000_000_000L;

	/**
	 * The square of a value below 10^18, which can reach 10^36, computed in base 10^9
	 * with longs: written as {@code v = hi * 10^9 + lo},
	 * {@code v^2 = hi^2 * 10^18 + 2 * hi * lo * 10^9 + lo^2}, and no partial sum
	 * overflows. No {@link BigInteger} is allocated (see SquaresBenchmark's {@code big}
	 * case).
	 */
	static void appendWideSquare(StringBuilder out, long value) {
		long hi = value / BILLION;
		long lo = value % BILLION;
		long sum0 = lo * lo;
		long sum1 = 2 * hi * lo + sum0 / BILLION;
		long sum2 = hi * hi + sum1 / BILLION;
		long group3 = sum2 / BILLION;
		long group2 = sum2 % BILLION;
		long group1 = sum1 % BILLION;
		long group0 = sum0 % BILLION;
		if (group3 > 0) {
			out.append(group3);
			appendNineDigits(out, group2);
		}
		else {
			out.append(group2);
		}
		appendNineDigits(out, group1);
		appendNineDigits(out, group0);
	}

	private static void appendNineDigits(StringBuilder out, long group) {
		for (long unit = BILLION / 10; unit > 1 && group < unit; unit /= 10) {
			out.append('0');
		}
		out.append(group);
	}

	/**
	 * Python prints a float square with at least one fractional digit:
	 * {@code 2.0 ** 2 == 4.0}.
	 */
	private static void appendDecimal(StringBuilder out, BigDecimal square) {
		String plain = square.stripTrailingZeros().toPlainString();
		out.append(plain);
		if (plain.indexOf('.') < 0) {
			out.append(".0");
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static RequestException badNumber(String text, int start, int end, int position) {
		return new RequestException(ErrorCode.BAD_NUMBER, Snippet.of(text, start, end) + " at position " + position
				+ " is not a number (expected an integer or decimal such as 12, -7 or 1.5)");
	}

}
