package io.socketcore.tcp.listener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import io.socketcore.tcp.TcpListeners;
import io.socketcore.tcp.connection.BatchingTcpNetConnection;

/**
 * Closes connections that have waited too long on their client. A client that sends
 * nothing for its listener's {@code idle-timeout} is closed (outcome
 * {@code idle_timeout}); one that has stopped reading a reply for
 * {@code socketcore.tcp.write-timeout} is reset ({@code write_timeout}), since a blocking
 * write has no timeout and would pin its thread and its memory for as long as the client
 * likes.
 * <p>
 * One thread looks at every open connection a few times per timeout, at the cost of two
 * volatile reads each. Reads therefore block without a socket timeout: a timed read costs
 * a failed read and a poll more per request (a third of the server's CPU at one request
 * in flight, measured in BENCHMARKS.md).
 */
public class ConnectionTimeouts implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConnectionTimeouts.class);

	private final TcpListeners listeners;

	private final Duration writeTimeout;

	private volatile ScheduledExecutorService scanner;

	public ConnectionTimeouts(TcpListeners listeners, Duration writeTimeout) {
		this.listeners = listeners;
		this.writeTimeout = writeTimeout;
	}

	@Override
	public void start() {
		long shortest = Long.MAX_VALUE;
		if (!this.writeTimeout.isZero()) {
			shortest = this.writeTimeout.toMillis();
		}
		for (TcpListeners.Listener listener : this.listeners.all()) {
			if (!listener.spec().idleTimeout().isZero()) {
				shortest = Math.min(shortest, listener.spec().idleTimeout().toMillis());
			}
		}
		if (shortest == Long.MAX_VALUE) {
			return;
		}
		long period = Math.max(10, Math.min(1000, shortest / 4));
		this.scanner = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "tcp-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		this.scanner.scheduleWithFixedDelay(this::closeTimedOut, period, period, TimeUnit.MILLISECONDS);
	}

	void closeTimedOut() {
		long now = System.nanoTime();
		long writeLimit = this.writeTimeout.toNanos();
		for (TcpListeners.Listener listener : this.listeners.all()) {
			long idleLimit = listener.spec().idleTimeout().toNanos();
			for (BatchingTcpNetConnection connection : listener.tracker().openConnections()) {
				long stalled = connection.writeStalledSinceNanos();
				if (writeLimit > 0 && stalled != 0 && now - stalled > writeLimit) {
					logger.debug("Closing " + connection.getConnectionId() + ": its client has read nothing for "
							+ this.writeTimeout.toMillis() + " ms");
					connection.abortStalledWrite();
					continue;
				}
				long waiting = connection.readWaitingSinceNanos();
				if (idleLimit > 0 && waiting != 0 && now - waiting > idleLimit) {
					logger.debug("Closing " + connection.getConnectionId() + ": its client has sent nothing for "
							+ listener.spec().idleTimeout().toMillis() + " ms");
					connection.closeIdle();
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
