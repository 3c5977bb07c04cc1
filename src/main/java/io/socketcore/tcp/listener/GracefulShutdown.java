package io.socketcore.tcp.listener;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.socketcore.tcp.TcpListeners;
import io.socketcore.tcp.connection.CloseOutcome;

/**
 * Stops the TCP listeners without losing a request: readiness goes to REFUSING_TRAFFIC,
 * the listening sockets close (new clients are refused), requests already read are
 * answered, and only then are the connections closed. Spring Boot's graceful shutdown
 * covers its web server, not Spring Integration's TCP gateways, and the gateways' own
 * stop closes connections at once.
 * <p>
 * Runs early in shutdown (a high phase), before the gateways and the thread pools stop,
 * and takes at most {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
public class GracefulShutdown implements SmartLifecycle {

	/**
	 * Before the web server stops, so that readiness can still be read while connections
	 * drain.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(GracefulShutdown.class);

	private final TcpListeners listeners;

	private final ApplicationEventPublisher publisher;

	private final Duration timeout;

	private volatile boolean running;

	public GracefulShutdown(TcpListeners listeners, ApplicationEventPublisher publisher, Duration timeout) {
		this.listeners = listeners;
		this.publisher = publisher;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		drain();
	}

	@Override
	public void stop(Runnable callback) {
		Thread drainer = new Thread(() -> {
			try {
				drain();
			}
			finally {
				callback.run();
			}
		}, "tcp-graceful-shutdown");
		drainer.start();
	}

	private void drain() {
		if (!this.running) {
			return;
		}
		this.running = false;
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		this.listeners.all().forEach(listener -> listener.factory().stopAccepting());
		long deadline = System.nanoTime() + this.timeout.toNanos();
		int waiting = busyConnections();
		if (waiting > 0) {
			logger.info("Graceful shutdown: no longer accepting; answering the requests of " + waiting
					+ " busy connection(s) for up to " + this.timeout.toSeconds() + " s");
		}
		while (busyConnections() > 0 && System.nanoTime() < deadline) {
			try {
				// Connection threads are independent of us; polling their state is the
				// simplest sound wait.
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		int unfinished = busyConnections();
		if (unfinished > 0) {
			logger.warn("Graceful shutdown: " + unfinished + " connection(s) still busy after "
					+ this.timeout.toSeconds() + " s; closing them");
		}
		for (TcpListeners.Listener listener : this.listeners.all()) {
			listener.tracker().openConnections().forEach(connection -> connection.closeOutcome(CloseOutcome.SHUTDOWN));
			listener.factory().stop();
		}
	}

	private int busyConnections() {
		return (int) this.listeners.all()
			.stream()
			.flatMap(listener -> listener.tracker().openConnections().stream())
			.filter(connection -> !connection.quiescent())
			.count();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
