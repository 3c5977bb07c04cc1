package io.socketcore.observability;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses a task as {@link ThreadPoolExecutor.AbortPolicy} does, after counting it:
 * saturation must be visible ({@code executor.rejected}, {@code /actuator/threadpools}),
 * not only felt by clients.
 */
final class RejectionCountingHandler implements RejectedExecutionHandler {

	private final RejectedExecutionHandler delegate;

	private final AtomicLong rejected = new AtomicLong();

	RejectionCountingHandler(RejectedExecutionHandler delegate) {
		this.delegate = delegate;
	}

	long rejected() {
		return this.rejected.get();
	}

	@Override
	public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
		this.rejected.incrementAndGet();
		this.delegate.rejectedExecution(task, executor);
	}

	static RejectionCountingHandler abortPolicy() {
		return new RejectionCountingHandler((task, executor) -> {
			throw new RejectedExecutionException("Task rejected: pool " + executor + " is saturated");
		});
	}

}
