package io.socketcore.bench.jmh;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.socketcore.squares.ParallelSquarer;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.NumberLimits;

/**
 * The compute core on its own: scan, parse, square and format one {@code SQUARE} job of a
 * million numbers, with 1 or 2 pool threads, on the {@code long} fast path, the
 * two-{@code long} wide path or the {@code BigInteger} path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
public class SquaresBenchmark {

	/**
	 * {@code small}: 0..999,999 ({@code long} fast path); {@code big}: 12-digit values
	 * whose squares overflow a {@code long} (two-{@code long} path); {@code huge}:
	 * 20-digit values, past a {@code long} ({@code BigInteger}).
	 */
	@Param({ "small", "big", "huge" })
	public String numbers;

	@Param({ "1", "2" })
	public int threads;

	@Param({ "16384" })
	public int chunkSize;

	/** {@code socketcore.squares.chunk-chars}'s default. */
	@Param({ "131072" })
	public int chunkChars;

	private ExecutorService pool;

	private ParallelSquarer squarer;

	private String job;

	@Setup(Level.Trial)
	public void setUp() {
		this.pool = Executors.newFixedThreadPool(this.threads);
		this.squarer = new ParallelSquarer(this.pool, this.chunkSize, this.chunkChars,
				new NumberLimits(1_000_000, 1000), Duration.ofMinutes(1));
		LongFunction<String> number = switch (this.numbers) {
			case "small" -> Long::toString;
			case "big" -> n -> Long.toString(100_000_000_000L + n);
			case "huge" -> n -> "7" + String.format(Locale.ROOT, "%019d", n);
			default -> throw new IllegalArgumentException(this.numbers);
		};
		this.job = LongStream.range(0, 1_000_000).mapToObj(number).collect(Collectors.joining(" "));
	}

	private static final MemoryBudget.Account MEMORY = MemoryBudget.unlimited().account(0);

	@TearDown(Level.Trial)
	public void tearDown() {
		this.pool.shutdownNow();
	}

	/**
	 * The job as the server runs it: its squares in chunks, which the reply is written
	 * from.
	 */
	@Benchmark
	public Object millionNumbers() {
		return this.squarer.square(this.job, ", ", () -> false, MEMORY).chunks();
	}

}
