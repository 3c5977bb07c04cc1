package io.socketcore.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.socketcore.protocol.Command;
import io.socketcore.protocol.Reply;

/**
 * {@code socketcore.requests}: how long each request took from its frame being read to
 * its reply being ready, by {@code command} and {@code outcome} ({@code ok} or the error
 * code).
 * <p>
 * Percentiles come from the histogram buckets ({@code histogram_quantile} in Prometheus),
 * which aggregate across instances; client-side percentiles would not, and cost as much
 * again on every request.
 */
class RequestMetrics {

	private final MeterRegistry registry;

	/** By command, then by outcome: found without building a key per request. */
	private final Map<Command, Map<String, Timer>> timers = new ConcurrentHashMap<>();

	RequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void record(Command command, Reply reply, long receivedNanos) {
		String outcome = reply.outcome();
		Map<String, Timer> byOutcome = this.timers.get(command);
		if (byOutcome == null) {
			byOutcome = this.timers.computeIfAbsent(command, key -> new ConcurrentHashMap<>());
		}
		Timer timer = byOutcome.get(outcome);
		if (timer == null) {
			timer = byOutcome.computeIfAbsent(outcome,
					key -> Timer.builder("socketcore.requests")
						.description("Requests answered, by command and outcome")
						.tags("command", command.name(), "outcome", outcome)
						.publishPercentileHistogram()
						.minimumExpectedValue(Duration.ofNanos(20_000))
						.maximumExpectedValue(Duration.ofSeconds(60))
						.register(this.registry));
		}
		timer.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
	}

}
