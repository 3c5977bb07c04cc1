package io.socketcore.memory;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The memory budget for everything clients make the server hold.
 *
 * @param limit the most bytes all clients together may make the server hold (frames
 * arriving, parsed requests, square results, replies being written, grown connection
 * buffers); work that would go over it is refused with ERR BUSY. Unset means half of the
 * maximum heap (-Xmx, or 75% of a container's memory limit as the image sets it).
 * @param connectionAllowance bytes each connection may hold for its request and reply
 * without drawing on the budget, so that small requests are never refused for want of
 * memory; bounded by the connection limits
 */
@Validated
@ConfigurationProperties("socketcore.memory")
public record MemoryProperties(DataSize limit, @DefaultValue("4KB") @NotNull DataSize connectionAllowance) {

	/** Share of the maximum heap that the budget takes when limit is unset. */
	static final double DEFAULT_HEAP_SHARE = 0.5;

	public MemoryProperties {
		long maxHeap = Runtime.getRuntime().maxMemory();
		if (limit != null && (limit.toBytes() < DataSize.ofMegabytes(1).toBytes() || limit.toBytes() > maxHeap)) {
			throw new IllegalArgumentException("socketcore.memory.limit must be between 1MB and the maximum heap ("
					+ DataSize.ofBytes(maxHeap).toMegabytes() + "MB), was " + limit);
		}
		if (connectionAllowance != null && (connectionAllowance.toBytes() < 0
				|| connectionAllowance.toBytes() > DataSize.ofMegabytes(1).toBytes())) {
			throw new IllegalArgumentException(
					"socketcore.memory.connection-allowance must be between 0B and 1MB, was " + connectionAllowance);
		}
	}

	/** The limit in bytes, derived from the maximum heap when unset. */
	public long effectiveLimit() {
		return (this.limit != null) ? this.limit.toBytes()
				: (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
	}

}
