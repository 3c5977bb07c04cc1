package io.socketcore.squares;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.RequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ParallelSquarerTest {

	private static final NumberLimits LIMITS = new NumberLimits(1_000_000, 1000);

	private final ExecutorService pool = Executors.newFixedThreadPool(3);

	@AfterEach
	void shutDown() {
		this.pool.shutdownNow();
	}

	private String square(String list) {
		return new ParallelSquarer(this.pool, 3, LIMITS, Duration.ofSeconds(30)).square(list).text();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1 2 3 4 5|[1, 4, 9, 16, 25]", "[1, 2, 3]|[1, 4, 9]", "1,2,3|[1, 4, 9]", "1 ,2 , 3|[1, 4, 9]",
					"[1, 2, 3,]|[1, 4, 9]", "'[ 7 ]'|[49]", "''|[]", "[]|[]", "[ ]|[]", "-3 +4 -0 007|[9, 16, 0, 49]",
					"99999999999999999999|[9999999999999999999800000000000000000001]",
					"-99999999999999999999|[9999999999999999999800000000000000000001]",
					"3037000499 3037000500|[9223372030926249001, 9223372037000250000]",
					"9223372036854775807|[85070591730234615847396907784232501249]", "1.5 -0.1|[2.25, 0.01]",
					"2.0 0.0 -0.0 1.10|[4.0, 0.0, 0.0, 1.21]", "0.000001|[0.000000000001]",
					"1 2 3 4 5 6 7 8 9 10|[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]" })
	void squaresExactlyInPythonNotation(String list, String expected) {
		assertThat(square(list)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "1 abc 3|'abc' at position 2", "1e999|'1e999' at position 1", "NaN|'NaN' at position 1",
					"--5|'--5' at position 1", "1.|'1.' at position 1", ".5|'.5' at position 1",
					"1 2 3 4 5 6 7 x|'x' at position 8", "1,,2|empty number at position 2",
					",1|empty number at position 1", "[1 2|does not end with", "1 2]|does not open with",
					"1]2|'1]2' at position 1" })
	void badNumbersNameTokenAndPosition(String list, String expectedMessage) {
		assertThatThrownBy(() -> square(list)).isInstanceOfSatisfying(RequestException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.BAD_NUMBER);
			assertThat(ex.getMessage()).contains(expectedMessage);
		});
	}

	@Test
	void aMillionCommasIsABadNumberNotAHang() {
		assertThatThrownBy(() -> square(",".repeat(1_000_000))).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_NUMBER));
	}

	@Test
	void tooManyNumbers() {
		ParallelSquarer squarer = new ParallelSquarer(this.pool, 3, new NumberLimits(5, 10), Duration.ofSeconds(5));
		assertThat(squarer.square("1 2 3 4 5").count()).isEqualTo(5);
		assertThatThrownBy(() -> squarer.square("1 2 3 4 5 6")).isInstanceOfSatisfying(RequestException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.TOO_MANY_NUMBERS);
			assertThat(ex.getMessage()).contains("5");
		});
	}

	@Test
	void tooManyDigits() {
		ParallelSquarer squarer = new ParallelSquarer(this.pool, 3, new NumberLimits(5, 10), Duration.ofSeconds(5));
		assertThat(squarer.square("-1234567890 12345.67890").text()).startsWith("[1524157875019052100");
		assertThatThrownBy(() -> squarer.square("1 12345678901")).isInstanceOfSatisfying(RequestException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCode.NUMBER_TOO_LONG);
			assertThat(ex.getMessage()).contains("position 2").contains("11 digits").contains("limit is 10");
		});
		assertThatThrownBy(() -> squarer.square("1.2345678901")).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.NUMBER_TOO_LONG));
	}

	@Test
	void tenThousandDigitsAreRefusedBeforeAnyArithmetic() {
		assertThatThrownBy(() -> square("9".repeat(10_000))).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.NUMBER_TOO_LONG));
	}

	@Test
	void largeJobMatchesAnIndependentComputation() {
		ParallelSquarer squarer = new ParallelSquarer(this.pool, 1000, LIMITS, Duration.ofSeconds(60));
		String list = LongStream.rangeClosed(-50_000, 50_000)
			.map(n -> n * 97_003)
			.mapToObj(Long::toString)
			.collect(Collectors.joining(", ", "[", "]"));
		String expected = LongStream.rangeClosed(-50_000, 50_000)
			.mapToObj(n -> BigInteger.valueOf(n * 97_003).pow(2).toString())
			.collect(Collectors.joining(", ", "[", "]"));
		ParallelSquarer.Squares squares = squarer.square(list);
		assertThat(squares.count()).isEqualTo(100_001);
		assertThat(squares.text()).isEqualTo(expected);
	}

	@RepeatedTest(50)
	void integersOfAnyLengthAroundTheLongPathsMatchBigInteger() {
		SplittableRandom random = new SplittableRandom();
		List<String> numbers = IntStream.range(0, 200).mapToObj(i -> {
			int digits = 1 + random.nextInt(24);
			String sign = switch (random.nextInt(4)) {
				case 0 -> "-";
				case 1 -> "+";
				default -> "";
			};
			StringBuilder number = new StringBuilder(sign);
			random.ints(digits, 0, 10).forEach(number::append);
			return number.toString();
		}).toList();
		String expected = numbers.stream()
			.map(n -> new BigInteger(n).pow(2).toString())
			.collect(Collectors.joining(", ", "[", "]"));
		assertThat(square(String.join(random.nextBoolean() ? " " : ",", numbers))).isEqualTo(expected);
	}

	@Test
	void mixedKindsAcrossChunkBoundaries() {
		String list = IntStream.range(0, 50).mapToObj(i -> switch (i % 3) {
			case 0 -> "1" + "0".repeat(i);
			case 1 -> "-" + i + ".5";
			default -> Integer.toString(i);
		}).collect(Collectors.joining(" "));
		String expected = IntStream.range(0, 50).mapToObj(i -> switch (i % 3) {
			case 0 -> BigInteger.TEN.pow(i).pow(2).toString();
			case 1 -> new BigDecimal(i + ".5").pow(2).stripTrailingZeros().toPlainString();
			default -> Integer.toString(i * i);
		}).collect(Collectors.joining(", ", "[", "]"));
		assertThat(square(list)).isEqualTo(expected);
	}

	@Test
	void errorInALaterChunkReportsItsGlobalPosition() {
		ParallelSquarer squarer = new ParallelSquarer(this.pool, 10, LIMITS, Duration.ofSeconds(5));
		String list = IntStream.rangeClosed(1, 100)
			.mapToObj(i -> i == 57 ? "5x" : Integer.toString(i))
			.collect(Collectors.joining(" "));
		assertThatThrownBy(() -> squarer.square(list)).hasMessageContaining("'5x' at position 57");
	}

	@Test
	void fullQueueIsRefusedAtOnceAsBusy() {
		ParallelSquarer squarer = new ParallelSquarer(task -> {
			throw new RejectedExecutionException("full");
		}, 2, LIMITS, Duration.ofSeconds(5));
		assertThatThrownBy(() -> squarer.square("1 2 3 4 5")).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BUSY));
		assertThat(squarer.square("1 2").text()).isEqualTo("[1, 4]");
	}

	@Test
	void slowJobTimesOutAndItsChunksAreCancelled() {
		List<Runnable> neverRun = new CopyOnWriteArrayList<>();
		ParallelSquarer squarer = new ParallelSquarer(neverRun::add, 1, LIMITS, Duration.ofMillis(100));
		assertThatThrownBy(() -> squarer.square("1 2 3")).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
		assertThat(neverRun).hasSize(3).allSatisfy(task -> assertThat(((Future<?>) task).isCancelled()).isTrue());
	}

	@Test
	void chunksCancelledByOthersNeverInterruptTheWaitingThread() {
		// as the pool does to its queued tasks when it shuts down
		ParallelSquarer squarer = new ParallelSquarer(task -> ((Future<?>) task).cancel(false), 1, LIMITS,
				Duration.ofSeconds(5));
		assertThatThrownBy(() -> squarer.square("1 2 3")).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
		assertThat(Thread.interrupted()).as("the connection's thread was not interrupted").isFalse();
	}

	@Test
	void aJobTheMemoryBudgetCannotHoldIsBusyBeforeAnyChunkStarts() {
		List<Runnable> submitted = new CopyOnWriteArrayList<>();
		ParallelSquarer squarer = new ParallelSquarer(submitted::add, 2, LIMITS, Duration.ofSeconds(5));
		MemoryBudget budget = new MemoryBudget(10_000);
		String list = "12345 ".repeat(1000);
		assertThatThrownBy(() -> squarer.square(list, ", ", () -> false, budget.account(0)))
			.isInstanceOfSatisfying(RequestException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.BUSY));
		assertThat(submitted).isEmpty();
		assertThat(budget.used()).isZero();
		assertThat(budget.refusals(MemoryBudget.Use.REQUEST)).isEqualTo(1);
		MemoryBudget.Account enough = new MemoryBudget(100_000).account(0);
		assertThat(new ParallelSquarer(this.pool, 2, LIMITS, Duration.ofSeconds(5))
			.square("1 2 3", ",", () -> false, enough)
			.chunks()).containsExactly("1,4", "9");
		assertThat(enough.held()).isEqualTo(ParallelSquarer.workingSetBytes("1 2 3"));
	}

	@Test
	void tooManyNumbersAreRefusedBeforeAnyChunkStarts() {
		List<Runnable> submitted = new CopyOnWriteArrayList<>();
		ParallelSquarer squarer = new ParallelSquarer(submitted::add, 2, new NumberLimits(10, 10),
				Duration.ofSeconds(5));
		assertThatThrownBy(() -> squarer.square("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]")).isInstanceOfSatisfying(
				RequestException.class, ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TOO_MANY_NUMBERS));
		assertThat(submitted).isEmpty();
	}

	@Test
	void aListItsReaderCountedIsNotCountedAgainButTheScanStillRefusesOneTooMany() {
		List<Runnable> submitted = new CopyOnWriteArrayList<>();
		ParallelSquarer squarer = new ParallelSquarer(submitted::add, 2, new NumberLimits(10, 10),
				Duration.ofSeconds(5));
		assertThatThrownBy(() -> squarer.square("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]", true, ", ", () -> false,
				MemoryBudget.unlimited().account(0)))
			.isInstanceOfSatisfying(RequestException.class,
					ex -> assertThat(ex.code()).isEqualTo(ErrorCode.TOO_MANY_NUMBERS));
		assertThat(submitted).as("chunks had started: the count before the scan was skipped").isNotEmpty();
	}

	@Test
	void theResultsWorstCaseIsTwiceTheList() {
		// the largest square per character of its number: nines, and decimals whose
		// squares keep every digit
		for (String list : List.of("9 9 9 9", "99,99", "0.9 0.9", "-9.9 -9.9", "9", "[9]", "-3")) {
			ParallelSquarer.Squares squares = new ParallelSquarer(this.pool, 1, LIMITS, Duration.ofSeconds(5))
				.square(list);
			assertThat((long) squares.text().length()).as(list).isLessThanOrEqualTo(2L * list.length() + 2);
		}
	}

	@Test
	void aChunkEndsAtItsCharactersBeforeItsCount() {
		String big = "1".repeat(30);
		String bigSquare = new BigInteger(big).pow(2).toString();
		ParallelSquarer squarer = new ParallelSquarer(this.pool, 1000, 32, LIMITS, Duration.ofSeconds(5));
		ParallelSquarer.Squares squares = squarer.square(big + " 2 " + big + " 3 4, " + big, ", ", () -> false,
				MemoryBudget.unlimited().account(0));
		assertThat(squares.chunks()).containsExactly(bigSquare + ", 4", bigSquare + ", 9", "16, " + bigSquare);
		assertThat(squares.count()).isEqualTo(6);
		assertThat(squarer.square("1 2 3 4 5 6 7 8 9 10 11 12").chunks()).as("short numbers: one chunk")
			.containsExactly("1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144");
	}

	@Test
	void aBadNumberInALaterCharacterBoundChunkIsReportedAtItsPosition() {
		ParallelSquarer squarer = new ParallelSquarer(this.pool, 1000, 4, LIMITS, Duration.ofSeconds(5));
		assertThatThrownBy(() -> squarer.square("1234 5678 9x 1")).isInstanceOfSatisfying(RequestException.class,
				ex -> assertThat(ex.getMessage()).contains("position 3"));
	}

	@Test
	void rejectsNonsenseChunkSize() {
		assertThatThrownBy(() -> new ParallelSquarer(this.pool, 0, LIMITS, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ParallelSquarer(this.pool, 10, 0, LIMITS, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * On a virtual thread (Java 21+), a big list is scanned by a pool task, not on the
	 * caller's carrier.
	 */
	@Test
	void aVirtualCallerHandsTheScanOfABigListToThePool() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
		List<String> runners = new CopyOnWriteArrayList<>();
		Executor recording = task -> this.pool.execute(() -> {
			runners.add(Thread.currentThread().getName());
			task.run();
		});
		String list = IntStream.range(0, 100_000).mapToObj(Integer::toString).collect(Collectors.joining(" "));
		assertThat(list.length()).isGreaterThanOrEqualTo(ParallelSquarer.OFFLOADED_SCAN_CHARS);
		ParallelSquarer squarer = new ParallelSquarer(recording, 50_000, LIMITS, Duration.ofSeconds(30));
		CompletableFuture<ParallelSquarer.Squares> result = new CompletableFuture<>();
		Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
			.invoke(null, (Runnable) () -> {
				try {
					result.complete(squarer.square(list, ", ", () -> false, MemoryBudget.unlimited().account(0)));
				}
				catch (RuntimeException ex) {
					result.completeExceptionally(ex);
				}
			});
		virtual.join();
		assertThat(result.get().count()).isEqualTo(100_000);
		assertThat(result.get().chunks()).hasSize(2);
		// two chunks and the scan that found them
		assertThat(runners).hasSize(3);
	}

}
