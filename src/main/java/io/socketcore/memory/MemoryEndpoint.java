package io.socketcore.memory;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/memory}: the memory budget's limit, what is drawn on it now, and how
 * often it refused.
 */
@Endpoint(id = "memory")
public class MemoryEndpoint {

	private final MemoryBudget budget;

	private final long connectionAllowance;

	MemoryEndpoint(MemoryBudget budget, long connectionAllowance) {
		this.budget = budget;
		this.connectionAllowance = connectionAllowance;
	}

	@ReadOperation
	public Budget memory() {
		Map<String, Long> refused = new LinkedHashMap<>();
		for (MemoryBudget.Use use : MemoryBudget.Use.values()) {
			refused.put(use.tag(), this.budget.refusals(use));
		}
		long used = this.budget.used();
		return new Budget(this.budget.limit(), used, Math.max(0, this.budget.limit() - used), this.connectionAllowance,
				refused);
	}

	/**
	 * @param limit the budget, in bytes
	 * @param used bytes drawn on it now
	 * @param available bytes still free
	 * @param connectionAllowance bytes each connection holds outside the budget
	 * @param refused refusals so far, by use ({@code frame}, {@code request},
	 * {@code buffer})
	 */
	public record Budget(long limit, long used, long available, long connectionAllowance, Map<String, Long> refused) {
	}

}
