package io.socketcore.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.socketcore.memory.MemoryBudget;

/**
 * What the memory budget costs one request: the charges of an exchange (its frame, its
 * parsed text, a small job's results) and their return, on one connection's account,
 * alone and with two threads drawing on the same budget. The allowance case is every
 * small request; the budget case a request bigger than it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MemoryBudgetBenchmark {

	@State(Scope.Benchmark)
	public static class Budget {

		final MemoryBudget budget = new MemoryBudget(1L << 30);

	}

	@State(Scope.Thread)
	public static class Connection {

		MemoryBudget.Account account;

		@Setup
		public void open(Budget shared) {
			this.account = shared.budget.account(4096);
		}

	}

	@Benchmark
	public boolean smallRequestWithinTheAllowance(Connection connection) {
		return exchange(connection.account, 6);
	}

	@Benchmark
	public boolean requestDrawingOnTheBudget(Connection connection) {
		return exchange(connection.account, 8000);
	}

	@Benchmark
	@Threads(2)
	public boolean requestDrawingOnTheBudgetFromTwoThreads(Connection connection) {
		return exchange(connection.account, 8000);
	}

	private static boolean exchange(MemoryBudget.Account account, int frameBytes) {
		boolean held = account.tryReserve(frameBytes, MemoryBudget.Use.FRAME)
				& account.tryReserve(frameBytes, MemoryBudget.Use.REQUEST)
				& account.tryReserve(3L * frameBytes + 1024, MemoryBudget.Use.REQUEST);
		account.releaseAll();
		return held;
	}

}
