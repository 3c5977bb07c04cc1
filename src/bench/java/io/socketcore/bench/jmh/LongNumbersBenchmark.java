package io.socketcore.bench.jmh;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.squares.ParallelSquarer;

/**
 * One {@code SQUARE} job that fills the default 16 MB frame with numbers of the default
 * {@code max-digits} (16,000 numbers of 1,000 digits), as a hostile client sends it:
 * fewer numbers than one chunk of {@code chunk-size}, so only {@code chunk-chars} splits
 * it ({@code 2147483647}: no bound, the job runs as one or two tasks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
public class LongNumbersBenchmark {

	@Param({ "1", "2" })
	public int threads;

	@Param({ "131072", "2147483647" })
	public int chunkChars;

	private ExecutorService pool;

	private ParallelSquarer squarer;

	private String job;

	private static final MemoryBudget.Account MEMORY = MemoryBudget.unlimited().account(0);

	@Setup(Level.Trial)
	public void setUp() {
		this.pool = Executors.newFixedThreadPool(this.threads);
		this.squarer = new ParallelSquarer(this.pool, 16384, this.chunkChars, new NumberLimits(1_000_000, 1000),
				Duration.ofMinutes(1));
		Random random = new Random(11);
		StringBuilder job = new StringBuilder(16_016_000);
		for (int i = 0; i < 16_000; i++) {
			job.append(i == 0 ? "" : " ").append((char) ('1' + random.nextInt(9)));
			for (int d = 1; d < 1000; d++) {
				job.append((char) ('0' + random.nextInt(10)));
			}
		}
		this.job = job.toString();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.pool.shutdownNow();
	}

	@Benchmark
	public Object maxDigitNumbersFillingAFrame() {
		return this.squarer.square(this.job, ", ", () -> false, MEMORY).chunks();
	}

}
