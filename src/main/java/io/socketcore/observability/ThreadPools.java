package io.socketcore.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The service's own {@link ThreadPoolTaskExecutor}s ({@code squareExecutor},
 * {@code tcpConnectionExecutor}), watched: rejections are counted (before the pool is
 * initialised, so no feature has to remember it), exposed as {@code executor.rejected}
 * next to Spring Boot's {@code executor.*} meters, and described for
 * {@code /actuator/threadpools}.
 */
public class ThreadPools implements BeanPostProcessor, MeterBinder {

	private final Map<String, ThreadPoolTaskExecutor> pools = new LinkedHashMap<>();

	private final Map<String, RejectionCountingHandler> rejections = new LinkedHashMap<>();

	/** The service's own pools; an application's other executors are left as they are. */
	static final Set<String> WATCHED = Set.of("squareExecutor", "tcpConnectionExecutor");

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof ThreadPoolTaskExecutor pool && WATCHED.contains(beanName)) {
			RejectionCountingHandler handler = RejectionCountingHandler.abortPolicy();
			pool.setRejectedExecutionHandler(handler);
			synchronized (this) {
				this.pools.put(beanName, pool);
				this.rejections.put(beanName, handler);
			}
		}
		return bean;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.rejections.forEach((name, handler) -> FunctionCounter
			.builder("executor.rejected", handler, RejectionCountingHandler::rejected)
			.description("Tasks refused because the pool and its queue were full")
			.tag("name", name)
			.register(registry));
	}

	/** Configuration and live state of each pool, by bean name. */
	public synchronized Map<String, PoolDescription> describe() {
		Map<String, PoolDescription> descriptions = new LinkedHashMap<>();
		this.pools.forEach((name, pool) -> descriptions.put(name, describe(pool, this.rejections.get(name))));
		return descriptions;
	}

	private static PoolDescription describe(ThreadPoolTaskExecutor pool, RejectionCountingHandler rejections) {
		PoolConfiguration configuration = new PoolConfiguration(pool.getCorePoolSize(), pool.getMaxPoolSize(),
				pool.getQueueCapacity(), pool.getKeepAliveSeconds(), pool.getThreadNamePrefix());
		ThreadPoolExecutor executor;
		try {
			executor = pool.getThreadPoolExecutor();
		}
		catch (IllegalStateException notRunning) {
			return new PoolDescription(configuration, null);
		}
		BlockingQueue<Runnable> queue = executor.getQueue();
		PoolState state = new PoolState(executor.getPoolSize(), executor.getActiveCount(),
				executor.getLargestPoolSize(), queue.size(), queue.remainingCapacity(),
				executor.getCompletedTaskCount(), rejections.rejected());
		return new PoolDescription(configuration, state);
	}

	/**
	 * One pool in {@code /actuator/threadpools}; {@code state} is null while the pool is
	 * not running.
	 */
	public record PoolDescription(PoolConfiguration configuration, PoolState state) {
	}

	public record PoolConfiguration(int coreSize, int maxSize, int queueCapacity, int keepAliveSeconds,
			String threadNamePrefix) {
	}

	public record PoolState(int poolSize, int active, int largest, int queued, int remainingCapacity, long completed,
			long rejected) {
	}

}
