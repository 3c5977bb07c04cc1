package io.socketcore.squares;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How SQUARE jobs are limited, split and run.
 *
 * @param chunkSize most numbers per parallel task; a job that fits in one task runs on
 * the connection's own thread
 * @param chunkChars characters of list text after which a task ends before it has
 * chunk-size numbers: long numbers cost more each, and a job of few but long numbers is
 * split too
 * @param maxNumbers most numbers in one request (TOO_MANY_NUMBERS beyond)
 * @param maxDigits most digits in one number (NUMBER_TOO_LONG beyond)
 * @param timeout how long one job may take before it is answered TIMEOUT and cancelled
 * @param executor the squareExecutor thread pool
 */
@Validated
@ConfigurationProperties("socketcore.squares")
public record SquaresProperties(@DefaultValue("16384") @Min(1) int chunkSize,
		@DefaultValue("131072") @Min(1) int chunkChars, @DefaultValue("1000000") @Min(1) int maxNumbers,
		@DefaultValue("1000") @Min(1) @Max(1_000_000) int maxDigits, @DefaultValue("30s") @NotNull Duration timeout,
		@DefaultValue @Valid Executor executor) {

	/**
	 * The squareExecutor pool.
	 *
	 * @param coreSize threads kept alive; unset means the number of available processors
	 * @param maxSize most threads; unset means the core size (the work is CPU-bound)
	 * @param queueCapacity chunks that may wait for a thread; when full, jobs are refused
	 * with BUSY
	 * @param keepAlive how long threads above the core size may stay idle
	 * @param threadNamePrefix prefix of the pool's thread names
	 * @param threadPriority Java priority of the pool's threads (1 to 10); below the
	 * connections' threads (5), big jobs yield the cores to small requests when both want
	 * them, where the JVM maps priorities to nice values (-XX:ThreadPriorityPolicy=1, as
	 * the image sets it)
	 */
	public record Executor(@Min(1) Integer coreSize, @Min(1) Integer maxSize,
			@DefaultValue("10000") @Min(0) int queueCapacity, @DefaultValue("60s") @NotNull Duration keepAlive,
			@DefaultValue("square-") @NotBlank String threadNamePrefix,
			@DefaultValue("1") @Min(Thread.MIN_PRIORITY) @Max(Thread.MAX_PRIORITY) int threadPriority) {

		public int effectiveCoreSize() {
			return (this.coreSize != null) ? this.coreSize : Runtime.getRuntime().availableProcessors();
		}

		public int effectiveMaxSize() {
			return (this.maxSize != null) ? Math.max(this.maxSize, effectiveCoreSize()) : effectiveCoreSize();
		}

	}

}
