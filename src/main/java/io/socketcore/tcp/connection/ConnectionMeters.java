package io.socketcore.tcp.connection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of one listener's connections: {@code socketcore.connections.active},
 * {@code socketcore.connections} (by close outcome) and
 * {@code socketcore.frames.rejected} (by reason). Every counter is registered up front,
 * at zero: a dashboard's rate over an outcome that has not happened yet is 0, not
 * missing, and nothing is looked up by name when a connection ends (on every request
 * under churn).
 */
final class ConnectionMeters {

	private final Map<CloseOutcome, Counter> closed = new EnumMap<>(CloseOutcome.class);

	private final Map<FrameRejection, Counter> rejectedFrames = new EnumMap<>(FrameRejection.class);

	ConnectionMeters(String listener, MeterRegistry registry, AtomicInteger active) {
		Gauge.builder("socketcore.connections.active", active, AtomicInteger::get)
			.description("TCP connections open now")
			.tag("listener", listener)
			.register(registry);
		for (CloseOutcome outcome : CloseOutcome.values()) {
			this.closed.put(outcome,
					Counter.builder("socketcore.connections")
						.description("TCP connections accepted, by how they ended")
						.tags("listener", listener, "outcome", outcome.tag())
						.register(registry));
		}
		for (FrameRejection rejection : FrameRejection.values()) {
			this.rejectedFrames.put(rejection,
					Counter.builder("socketcore.frames.rejected")
						.description("Frames refused before parsing, by reason")
						.tags("listener", listener, "reason", rejection.reason())
						.register(registry));
		}
	}

	void closed(CloseOutcome outcome) {
		this.closed.get(outcome).increment();
	}

	void frameRejected(FrameRejection rejection) {
		this.rejectedFrames.get(rejection).increment();
	}

}
