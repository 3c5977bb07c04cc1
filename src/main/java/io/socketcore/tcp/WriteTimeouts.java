package io.socketcore.tcp;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes connections whose client has stopped reading: a reply that has made no progress for
 * {@code socketcore.tcp.write-timeout} would otherwise pin its thread and its memory for as long as the client
 * likes, since a blocking write has no timeout. One thread looks at every open connection a few times per
 * timeout; a connection costs it one volatile read.
 */
class WriteTimeouts implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WriteTimeouts.class);

	private final TcpListeners listeners;

	private final Duration timeout;

	private volatile ScheduledExecutorService scanner;

	WriteTimeouts(TcpListeners listeners, Duration timeout) {
		this.listeners = listeners;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		if (this.timeout.isZero()) {
			return;
		}
		long period = Math.max(10, Math.min(1000, this.timeout.toMillis() / 4));
		this.scanner = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "tcp-write-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		this.scanner.scheduleWithFixedDelay(this::closeStalled, period, period, TimeUnit.MILLISECONDS);
	}

	void closeStalled() {
		long now = System.nanoTime();
		long limit = this.timeout.toNanos();
		for (TcpListeners.Listener listener : this.listeners.all()) {
			for (BatchingTcpNetConnection connection : listener.tracker().openConnections()) {
				long since = connection.writeStalledSinceNanos();
				if (since != 0 && now - since > limit) {
					logger.debug("Closing " + connection.getConnectionId() + ": its client has read nothing for "
							+ this.timeout.toMillis() + " ms");
					connection.abortStalledWrite();
				}
			}
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = this.scanner;
		if (current != null) {
			current.shutdownNow();
			this.scanner = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scanner != null;
	}

	@Override
	public int getPhase() {
		// stops after the graceful shutdown has drained the connections
		return GracefulShutdown.PHASE - 1;
	}

}
