package io.socketcore.memory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one memory budget every connection draws on, its meters
 * ({@code socketcore.memory.used}, {@code socketcore.memory.limit},
 * {@code socketcore.memory.refused} by {@code use}) and its endpoint
 * ({@code /actuator/memory}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MemoryProperties.class)
public class MemoryConfiguration {

	@Bean
	MemoryBudget memoryBudget(MemoryProperties properties) {
		return new MemoryBudget(properties.effectiveLimit());
	}

	@Bean
	MeterBinder memoryBudgetMeters(MemoryBudget memoryBudget) {
		return registry -> {
			Gauge.builder("socketcore.memory.used", memoryBudget, MemoryBudget::used)
				.description("Bytes that clients make the server hold now, drawn on the memory budget")
				.baseUnit("bytes")
				.register(registry);
			Gauge.builder("socketcore.memory.limit", memoryBudget, MemoryBudget::limit)
				.description("The memory budget: the most bytes all clients together may make the server hold")
				.baseUnit("bytes")
				.register(registry);
			for (MemoryBudget.Use use : MemoryBudget.Use.values()) {
				FunctionCounter.builder("socketcore.memory.refused", memoryBudget, budget -> budget.refusals(use))
					.description("Reservations refused because the memory budget was spent (clients got ERR BUSY)")
					.tag("use", use.tag())
					.register(registry);
			}
		};
	}

	@Bean
	MemoryEndpoint memoryEndpoint(MemoryBudget memoryBudget, MemoryProperties properties) {
		return new MemoryEndpoint(memoryBudget, properties.connectionAllowance().toBytes());
	}

}
