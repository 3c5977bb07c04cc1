package io.socketcore.squares;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.socketcore.protocol.NumberLimits;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SquaresProperties.class)
class SquaresConfiguration {

	private static final Log logger = LogFactory.getLog(SquaresConfiguration.class);

	/**
	 * From Boot's executor builder, so that {@code ThreadPoolTaskExecutorCustomizer}s
	 * apply to it too.
	 */
	@Bean
	ThreadPoolTaskExecutor squareExecutor(SquaresProperties properties, ObjectProvider<TaskDecorator> decorators,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> builders, MeterRegistry registry) {
		SquaresProperties.Executor pool = properties.executor();
		Timer queueWait = Timer.builder("executor.queue.wait")
			.description("How long square chunks wait in the queue for a thread")
			.tag("name", "squareExecutor")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		TaskDecorator custom = decorators.getIfUnique(() -> task -> task);
		ThreadPoolTaskExecutor executor = builders.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)
			.corePoolSize(pool.effectiveCoreSize())
			.maxPoolSize(pool.effectiveMaxSize())
			.queueCapacity(pool.queueCapacity())
			.keepAlive(pool.keepAlive())
			.threadNamePrefix(pool.threadNamePrefix())
			.taskDecorator(task -> {
				long queued = System.nanoTime();
				Runnable decorated = custom.decorate(task);
				return () -> {
					queueWait.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
					decorated.run();
				};
			})
			.build();
		executor.setThreadPriority(pool.threadPriority());
		return executor;
	}

	@Bean
	ParallelSquarer parallelSquarer(ThreadPoolTaskExecutor squareExecutor, SquaresProperties properties) {
		long largestJobChunks = (properties.maxNumbers() + (long) properties.chunkSize() - 1) / properties.chunkSize();
		if (largestJobChunks > properties.executor().queueCapacity() + properties.executor().effectiveMaxSize()) {
			logger.warn("socketcore.squares.executor.queue-capacity (" + properties.executor().queueCapacity()
					+ ") cannot hold the " + largestJobChunks + " chunks of a job of max-numbers ("
					+ properties.maxNumbers() + ") numbers: such jobs will always be answered ERR BUSY");
		}
		return new ParallelSquarer(squareExecutor, properties.chunkSize(), properties.chunkChars(),
				new NumberLimits(properties.maxNumbers(), properties.maxDigits()), properties.timeout());
	}

	@Bean
	SquareService squareService(ParallelSquarer parallelSquarer, MeterRegistry registry) {
		return new SquareService(parallelSquarer, registry);
	}

}
