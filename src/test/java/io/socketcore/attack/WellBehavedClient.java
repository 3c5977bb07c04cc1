package io.socketcore.attack;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.socketcore.support.PackagedServer;

/**
 * A client minding its own business while the server is attacked: on one connection per
 * listener it asks, in a loop, requests whose answers it knows, and records every answer
 * that is wrong, late or missing.
 */
final class WellBehavedClient implements AutoCloseable {

	/** A request and the only answer it may get. */
	private record Exchange(String request, String reply) {
	}

	private static final List<Exchange> EXCHANGES = List.of(new Exchange("HELLO Ann", "Hello, Ann!"),
			new Exchange("SQUARE 1 2 3", "[1, 4, 9]"), new Exchange("PING", "PONG"),
			new Exchange("SQUARE 99999999999999999999 1.5", "[9999999999999999999800000000000000000001, 2.25]"),
			new Exchange("{\"id\":7,\"op\":\"square\",\"numbers\":[2,3]}", "{\"id\":7,\"result\":[4,9]}"),
			new Exchange("SQUARE " + "12 ".repeat(200),
					"[" + String.join(", ", java.util.Collections.nCopies(200, "144")) + "]"));

	/** Longest wait for one answer that still counts as served. */
	static final int ANSWER_TIMEOUT_MILLIS = 20_000;

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final AtomicInteger answered = new AtomicInteger();

	private final AtomicLong slowestNanos = new AtomicLong();

	private volatile boolean running = true;

	WellBehavedClient(PackagedServer server, String... listeners) throws IOException {
		for (String listener : listeners) {
			Framed connection = new Framed(server.port(listener), listener, ANSWER_TIMEOUT_MILLIS);
			Thread thread = new Thread(() -> loop(listener, connection), "well-behaved-" + listener);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
		this.threads.forEach(Thread::start);
	}

	private void loop(String listener, Framed connection) {
		try (connection) {
			for (int i = 0; this.running; i++) {
				Exchange exchange = EXCHANGES.get(i % EXCHANGES.size());
				long started = System.nanoTime();
				String reply;
				try {
					reply = connection.ask(exchange.request());
				}
				catch (IOException ex) {
					this.failures.add(listener + ": " + exchange.request() + " -> " + ex);
					return;
				}
				this.slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
				if (!reply.equals(exchange.reply())) {
					this.failures.add(listener + ": " + exchange.request() + " -> " + reply);
				}
				this.answered.incrementAndGet();
			}
		}
	}

	int answered() {
		return this.answered.get();
	}

	List<String> failures() {
		return this.failures;
	}

	long slowestMillis() {
		return this.slowestNanos.get() / 1_000_000;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(ANSWER_TIMEOUT_MILLIS * 2L);
		}
	}

}
