package io.socketcore.squares;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;
import io.socketcore.protocol.RequestException;

/**
 * Answers {@code SQUARE} requests with {@link ParallelSquarer}, and records the size of each job.
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

	/** @param clientGone tells whether the requesting client has disconnected; its job is then cancelled */
	public Reply square(Request.Square request, BooleanSupplier clientGone) {
		try {
			ParallelSquarer.Squares squares = this.squarer.square(request.numbers(), clientGone);
			this.jobSize.record(squares.count());
			return Reply.list(squares.text());
		}
		catch (RequestException ex) {
			return Reply.failure(ex);
		}
	}

}
