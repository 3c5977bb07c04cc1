package io.socketcore.squares;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.Dialect;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;
import io.socketcore.protocol.RequestException;

/**
 * Answers {@code SQUARE} requests with {@link ParallelSquarer}, and records the size of
 * each job.
 */
public class SquareService {

	private final ParallelSquarer squarer;

	private final DistributionSummary jobSize;

	public SquareService(ParallelSquarer squarer, MeterRegistry registry) {
		this.squarer = squarer;
		this.jobSize = DistributionSummary.builder("socketcore.squares.job.size")
			.description("Numbers per SQUARE job")
			.baseUnit("numbers")
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * @param dialect the dialect of the reply, whose list separator the squares are
	 * written with
	 * @param clientGone tells whether the requesting client has disconnected; its job is
	 * then cancelled
	 * @param memory what the job's results are charged to
	 */
	public Reply square(Request.Square request, Dialect dialect, BooleanSupplier clientGone,
			MemoryBudget.Account memory) {
		try {
			ParallelSquarer.Squares squares = this.squarer.square(request.numbers(), request.counted(),
					dialect.listSeparator(), clientGone, memory);
			this.jobSize.record(squares.count());
			return Reply.squares(squares.chunks());
		}
		catch (RequestException ex) {
			return Reply.failure(ex);
		}
	}

}
