package io.socketcore.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.socketcore.support.KernelQueues;
import io.socketcore.support.PackagedServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the packaged jar, each in a JVM of its own with the pod's heap (see
 * {@link PackagedServer}), while a {@link WellBehavedClient} keeps asking on every
 * listener. Each attack asserts that the process survives, that the well-behaved client
 * gets every answer right and in time during the attack, and what the attacker is told.
 * <p>
 * Run with {@code ./mvnw -Pattack verify} (Java 25, the image's) and
 * {@code -Dattack.java=17}.
 */
@Tag("attack")
class AttackSuiteIT {

	private static final String[] ALL_LISTENERS = { "default", "crlf", "stx", "binary" };

	private static final int HOSTILE_TIMEOUT_MILLIS = 60_000;

	@Test
	void jsonNumbersWithHugeExponentsAreRefusedAtOnce() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			List<String> requests = List.of("{\"op\":\"square\",\"numbers\":[2.5e1000000000]}",
					"{\"op\":\"square\",\"numbers\":[1e-1000000000]}",
					"{\"op\":\"square\",\"numbers\":[1E+99999999999999999999999]}",
					"{\"op\":\"square\",\"numbers\":[-9.99e999999999]}");
			List<String> replies = inParallel(server, 4, client -> {
				List<String> mine = new ArrayList<>();
				try (Framed attacker = new Framed(server.port("default"), "default", HOSTILE_TIMEOUT_MILLIS)) {
					for (int i = 0; i < 10; i++) {
						mine.add(attacker.ask(requests.get((client + i) % requests.size())));
					}
				}
				return mine;
			}).stream().flatMap(List::stream).toList();
			assertThat(replies).hasSize(40).allSatisfy(reply -> assertThat(reply).contains("\"NUMBER_TOO_LONG\""));
			assertServed(server, good);
		}
	}

	@Test
	void partialFramesJustUnderTheLimitOnEveryFramingFromManyConnections() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			int maxFrame = server.listenerSetting("default", "maxFrameBytes");
			byte[] filler = new byte[maxFrame - 1];
			java.util.Arrays.fill(filler, (byte) '7');
			List<Framed> held = new ArrayList<>();
			try {
				List<Framed> opened = inParallel(server, 100, i -> {
					String listener = ALL_LISTENERS[i % ALL_LISTENERS.length];
					Framed attacker = new Framed(server.port(listener), listener, HOSTILE_TIMEOUT_MILLIS);
					try {
						assertThat(attacker.ask("PING")).isEqualTo("PONG");
						Framed.Framing framing = Framed.Framing.of(listener);
						attacker.sendRaw(framing.opening(maxFrame));
						attacker.sendRaw(framing == Framed.Framing.LENGTH_HEADER ? filler
								: Framed.concat(new byte[] { 'S', 'Q', 'U', 'A', 'R', 'E', ' ' },
										java.util.Arrays.copyOf(filler, maxFrame - 8)));
					}
					catch (IOException refused) {
						// the server may refuse the frame (ERR BUSY) and close while we
						// still write
					}
					return attacker;
				});
				held.addAll(opened);
				assertServedWhileHeld(server, good);
				long busy = 0;
				for (Framed attacker : held) {
					busy += assertToldBusyOrStillWaiting(attacker) ? 1 : 0;
				}
				System.out.printf("[attack] %d partial frames: %d told ERR BUSY and closed, %d still held%n",
						held.size(), busy, held.size() - busy);
			}
			finally {
				held.forEach(Framed::close);
			}
			assertServed(server, good);
		}
	}

	@Test
	void framesAnnouncedOrOpenedButNeverSent() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			int maxFrame = server.listenerSetting("binary", "maxFrameBytes");
			List<Framed> held = new ArrayList<>();
			try {
				for (int i = 0; i < 1000; i++) {
					String listener = (i % 2 == 0) ? "binary" : "stx";
					Framed attacker = new Framed(server.port(listener), listener, HOSTILE_TIMEOUT_MILLIS);
					attacker.sendRaw(Framed.Framing.of(listener).opening(maxFrame));
					attacker.sendRaw(new byte[] { 'S' });
					held.add(attacker);
				}
				Awaitility.await()
					.atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(server.management()
						.metric("socketcore.connections.active", "VALUE", "listener:binary")
							+ server.management().metric("socketcore.connections.active", "VALUE", "listener:stx"))
						.isGreaterThanOrEqualTo(1000 + 2));
				assertServedWhileHeld(server, good);
				assertServedWhileHeld(server, good);
			}
			finally {
				held.forEach(Framed::close);
			}
			assertServed(server, good);
		}
	}

	@Test
	void bigJobsFromManyClientsAtOnce() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			StringBuilder numbers = new StringBuilder("SQUARE");
			StringBuilder squares = new StringBuilder("[");
			for (long i = 1; i <= 1_000_000; i++) {
				numbers.append(' ').append(i);
				squares.append(i == 1 ? "" : ", ").append(i * i);
			}
			byte[] request = Framed.Framing.LF.frame(numbers.toString().getBytes(StandardCharsets.US_ASCII));
			Framed.Digest expected = digest(squares.append(']').toString());
			List<Framed.Digest> replies = inParallel(server, 40, i -> askBig(server, request));
			report("40 clients x SQUARE 1..1000000", replies, expected);
			assertThat(replies).allSatisfy(reply -> assertExactOrRefused(reply, expected));
			assertThat(replies).anySatisfy(reply -> assertThat(reply).isEqualTo(expected));
			assertServed(server, good);
		}
	}

	@Test
	void commandCutByAPauseIsNeverAnsweredAsIfComplete() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			String[][] cuts = { { "SQUARE 1", " 2 3\n", "[1, 4, 9]" }, { "HELLO An", "n\n", "Hello, Ann!" },
					{ "{\"op\":\"square\",\"numbers\":[1", ",2]}\n", "{\"result\":[1,4]}" } };
			for (String[] cut : cuts) {
				try (Socket socket = new Socket("127.0.0.1", server.port("default"))) {
					socket.setSoTimeout(HOSTILE_TIMEOUT_MILLIS);
					OutputStream out = socket.getOutputStream();
					out.write(cut[0].getBytes(StandardCharsets.US_ASCII));
					// the network's pause: a lost segment is retransmitted after 200 ms
					// or more
					Thread.sleep(300);
					try {
						out.write(cut[1].getBytes(StandardCharsets.US_ASCII));
					}
					catch (IOException closed) {
						// the server has answered and closed already
					}
					String answer = readUntilClosed(socket.getInputStream());
					assertThat(answer).as("answer to %s|%s", cut[0], cut[1])
						.satisfiesAnyOf(whole -> assertThat(whole).startsWith(cut[2]),
								error -> assertThat(error).startsWith("ERR "),
								error -> assertThat(error).startsWith("{\"error\""));
				}
			}
			try (Socket original = new Socket("127.0.0.1", server.port("default"))) {
				original.setSoTimeout(HOSTILE_TIMEOUT_MILLIS);
				original.getOutputStream().write("Hello, server!".getBytes(StandardCharsets.US_ASCII));
				assertThat(readUntilClosed(original.getInputStream())).isEqualTo("Hello, client!");
			}
			assertServed(server, good);
		}
	}

	@Test
	void aMillionThirteenDigitNumbersWithDefaultSettings() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			StringBuilder numbers = new StringBuilder("SQUARE");
			StringBuilder squares = new StringBuilder("[");
			for (long i = 0; i < 1_000_000; i++) {
				long number = 1_000_000_000_000L + i * 8_999_991L;
				numbers.append(' ').append(number);
				squares.append(i == 0 ? "" : ", ").append(BigInteger.valueOf(number).pow(2));
			}
			try (Framed client = new Framed(server.port("default"), "default", HOSTILE_TIMEOUT_MILLIS)) {
				client.send(numbers.toString());
				assertThat(client.replyDigest(64)).isEqualTo(digest(squares.append(']').toString()));
			}
			assertServed(server, good);
		}
	}

	@Test
	void jsonShapesThatWouldCostMemory() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			List<String> shapes = List.of("{\"op\":\"square\",\"numbers\":[" + "1,".repeat(1_000_000) + "1]}",
					"{\"op\":\"ping\",\"x\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}",
					"{\"id\":\"" + "i".repeat(10_000_000) + "\",\"op\":\"ping\"}",
					"{\"id\":" + "9".repeat(5_000_000) + ",\"op\":\"ping\"}",
					"{\"op\":\"square\",\"numbers\":[" + "1e999,".repeat(1_000_000) + "1]}",
					"{\"op\":\"square\",\"numbers\":[" + ("1" + "0".repeat(999) + ",").repeat(12_000) + "1]}");
			List<String> replies = inParallel(server, shapes.size() * 2, i -> {
				try (Framed attacker = new Framed(server.port("default"), "default", HOSTILE_TIMEOUT_MILLIS)) {
					String reply = attacker.ask(shapes.get(i % shapes.size()));
					return reply.length() > 200 ? reply.substring(0, 200) : reply;
				}
			});
			for (int i = 0; i < replies.size(); i++) {
				String reply = replies.get(i);
				assertThat(reply).as("reply to shape %d", i % shapes.size()).startsWith("{");
				if (i % shapes.size() < 2 || i % shapes.size() == 4) {
					assertThat(reply).as("reply to shape %d", i % shapes.size()).startsWith("{\"error\"");
				}
			}
			assertServed(server, good);
		}
	}

	@Test
	void numbersOfMaxDigitsFillingTheFrameFromSeveralClients() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			int maxFrame = server.listenerSetting("default", "maxFrameBytes");
			int count = (maxFrame - 16) / 1001;
			Random random = new Random(11);
			StringBuilder numbers = new StringBuilder("SQUARE");
			StringBuilder squares = new StringBuilder("[");
			for (int i = 0; i < count; i++) {
				StringBuilder digits = new StringBuilder(1000).append((char) ('1' + random.nextInt(9)));
				for (int d = 1; d < 1000; d++) {
					digits.append((char) ('0' + random.nextInt(10)));
				}
				numbers.append(' ').append(digits);
				squares.append(i == 0 ? "" : ", ").append(new BigInteger(digits.toString()).pow(2));
			}
			byte[] request = Framed.Framing.LF.frame(numbers.toString().getBytes(StandardCharsets.US_ASCII));
			Framed.Digest expected = digest(squares.append(']').toString());
			List<Framed.Digest> replies = inParallel(server, 6, i -> askBig(server, request));
			report("6 clients x " + count + " numbers of 1000 digits", replies, expected);
			assertThat(replies).allSatisfy(reply -> assertExactOrRefused(reply, expected));
			assertServed(server, good);
		}
	}

	@Test
	void slowlorisTrickles() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			List<Framed> trickling = new ArrayList<>();
			try {
				for (int i = 0; i < 1000; i++) {
					String listener = ALL_LISTENERS[i % ALL_LISTENERS.length];
					Framed attacker = new Framed(server.port(listener), listener, HOSTILE_TIMEOUT_MILLIS);
					attacker.sendRaw(Framed.Framing.of(listener).opening(1_000_000));
					trickling.add(attacker);
				}
				int answeredBefore = good.answered();
				long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
				byte[] oneByte = { '5' };
				while (System.nanoTime() < until || good.answered() < answeredBefore + 30) {
					for (Framed attacker : trickling) {
						try {
							attacker.sendRaw(oneByte);
						}
						catch (IOException closed) {
							// closed by the server: nothing to trickle into any more
						}
					}
					// the trickle's pace is the attack itself, not a wait for the server
					Thread.sleep(100);
					assertThat(good.failures()).isEmpty();
					assertThat(server.alive()).isTrue();
				}
			}
			finally {
				trickling.forEach(Framed::close);
			}
			assertServed(server, good);
		}
	}

	@Test
	void connectionFloodBeyondTheLimitWhileBigJobsRun() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			int limit = server.listenerSetting("default", "maxConnections");
			byte[] ping = "PING\n".getBytes(StandardCharsets.US_ASCII);
			List<Socket> flood = new ArrayList<>();
			try {
				// each connection asks once and never reads: the server holds its buffers
				// and its thread
				for (int i = 0; i < limit + 500; i++) {
					Socket socket = new Socket("127.0.0.1", server.port("default"));
					socket.setSoTimeout(HOSTILE_TIMEOUT_MILLIS);
					socket.getOutputStream().write(ping);
					flood.add(socket);
				}
				String request = "SQUARE " + "1234567 ".repeat(500_000);
				List<String> jobs = inParallel(server, 8, i -> {
					try (Framed attacker = new Framed(server.port("stx"), "stx", HOSTILE_TIMEOUT_MILLIS)) {
						return attacker.ask(request).substring(0, 20);
					}
				});
				assertThat(jobs).allSatisfy(reply -> assertThat(reply).satisfiesAnyOf(
						exact -> assertThat(exact).startsWith("[1524155677489, 152"),
						busy -> assertThat(busy).startsWith("ERR BUSY ")));
				assertServedWhileHeld(server, good);
				Socket last = flood.get(flood.size() - 1);
				assertThat(readUntilClosed(last.getInputStream())).isEqualTo("ERR BUSY too many connections\n");
				System.out.printf("[attack] %d connections (limit %d) while 8 jobs of 500,000 numbers ran: %s%n",
						flood.size(), limit, jobs);
			}
			finally {
				for (Socket socket : flood) {
					socket.close();
				}
			}
			assertServed(server, good);
		}
	}

	@Test
	void readersThatStopReadingAreClosedAfterTheWriteTimeout() throws Exception {
		try (PackagedServer server = PackagedServer.start("socketcore.tcp.write-timeout=2s");
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			byte[] request = Framed.Framing.LF
				.frame(("SQUARE " + "123456 ".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
			List<Framed> stalled = new ArrayList<>();
			ExecutorService writers = Executors.newFixedThreadPool(20);
			try {
				for (int i = 0; i < 20; i++) {
					Framed attacker = new Framed(server.port("default"), "default", HOSTILE_TIMEOUT_MILLIS);
					attacker.socket().setReceiveBufferSize(4096);
					stalled.add(attacker);
					writers.submit(() -> {
						try {
							for (int n = 0; n < 100_000; n++) {
								attacker.sendRaw(request);
							}
						}
						catch (IOException closedByServer) {
							// what this attacker is waiting for
						}
					});
				}
				assertServedWhileHeld(server, good);
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(
							server.management().metric("socketcore.connections.active", "VALUE", "listener:default"))
						.isEqualTo(1));
			}
			finally {
				stalled.forEach(Framed::close);
				writers.shutdownNow();
			}
			assertServed(server, good);
		}
	}

	@Test
	void actuatorClientsThatAskAndNeverRead() throws Exception {
		KernelQueues.assumeReadable();
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			int port = server.managementPort();
			byte[] scrapes = "GET /actuator/prometheus HTTP/1.1\r\nHost: socketcore\r\n\r\n".repeat(100)
				.getBytes(StandardCharsets.US_ASCII);
			List<Socket> stalled = Collections.synchronizedList(new ArrayList<>());
			// far more than the 32 connections the server takes and the 16 its backlog
			// keeps: each sends requests until it is closed, and reads nothing
			ExecutorService writers = Executors.newFixedThreadPool(120);
			try {
				for (int i = 0; i < 120; i++) {
					writers.submit(() -> {
						try (Socket socket = new Socket()) {
							socket.setReceiveBufferSize(4096);
							stalled.add(socket);
							socket.connect(new InetSocketAddress("127.0.0.1", port), HOSTILE_TIMEOUT_MILLIS);
							while (true) {
								socket.getOutputStream().write(scrapes);
							}
						}
						catch (IOException closed) {
							// by the server's timeout, or by the test
						}
					});
				}
				long held = KernelQueues.settled(() -> KernelQueues.serverSideTotal(port, KernelQueues.SEND_QUEUE)
						+ KernelQueues.serverSideTotal(port, KernelQueues.RECEIVE_QUEUE));
				// each of 32 connections at most twice both 64 KiB buffers; each of the
				// 17
				// the backlog admits (one more than it is told), twice the receive buffer
				assertThat(held).as("bytes the server's kernel holds for the stalled clients")
					.isBetween(1L, 32L * 256 * 1024 + 17L * 128 * 1024);
				assertServedWhileHeld(server, good);
				System.out.printf("[attack] 120 Actuator clients that never read: %d KiB in the kernel%n", held / 1024);
			}
			finally {
				synchronized (stalled) {
					for (Socket socket : stalled) {
						socket.close();
					}
				}
				writers.shutdownNow();
			}
			assertServed(server, good);
		}
	}

	@Test
	void randomBytesOnEveryFraming() throws Exception {
		try (PackagedServer server = PackagedServer.start();
				WellBehavedClient good = new WellBehavedClient(server, ALL_LISTENERS)) {
			inParallel(server, 8, i -> {
				Random random = new Random(i);
				long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
				while (System.nanoTime() < until) {
					String listener = ALL_LISTENERS[random.nextInt(ALL_LISTENERS.length)];
					try (Framed attacker = new Framed(server.port(listener), listener, 2_000)) {
						byte[] noise = new byte[1 + random.nextInt(64 * 1024)];
						random.nextBytes(noise);
						attacker.sendRaw(noise);
						attacker.socket().shutdownOutput();
						attacker.input().readAllBytes();
					}
					catch (IOException expected) {
						// reset, timeout or refused: all fine for noise
					}
				}
				return null;
			});
			assertServed(server, good);
		}
	}

	// ---------------------------------------------------------------------------------------------------

	/**
	 * The server is alive, healthy, and the well-behaved client was answered, rightly,
	 * during the attack.
	 */
	private static void assertServed(PackagedServer server, WellBehavedClient good) throws IOException {
		assertThat(server.alive()).as("the server process is alive; its last output:%n%s", server.outputTail())
			.isTrue();
		assertServedWhileHeld(server, good);
		try (Framed fresh = new Framed(server.port("default"), "default", WellBehavedClient.ANSWER_TIMEOUT_MILLIS)) {
			assertThat(fresh.ask("PING")).isEqualTo("PONG");
		}
		assertThat(server.management().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		System.out.printf("[attack] well-behaved client: %d right answers, slowest %d ms; server: %s%n",
				good.answered(), good.slowestMillis(), server.management().get("/actuator/memory").body());
	}

	/**
	 * Waits for 30 more right answers to the well-behaved client while the attack holds
	 * its ground.
	 */
	private static void assertServedWhileHeld(PackagedServer server, WellBehavedClient good) {
		int before = good.answered();
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			assertThat(server.alive()).as("the server process is alive; its last output:%n%s", server.outputTail())
				.isTrue();
			assertThat(good.failures()).as("wrong or missing answers to the well-behaved client").isEmpty();
			assertThat(good.answered()).isGreaterThanOrEqualTo(before + 30);
		});
	}

	/**
	 * Sends a big request and reads its reply. A server that refuses the frame while it
	 * arrives says {@code ERR BUSY} and closes, and a client still writing then sees its
	 * connection reset: that counts as the refusal it is.
	 */
	private static Framed.Digest askBig(PackagedServer server, byte[] request) throws IOException {
		try (Framed attacker = new Framed(server.port("default"), "default", HOSTILE_TIMEOUT_MILLIS)) {
			try {
				attacker.sendRaw(request);
			}
			catch (IOException refusedWhileSending) {
				return REFUSED_WHILE_SENDING;
			}
			return attacker.replyDigest(64);
		}
	}

	private static final Framed.Digest REFUSED_WHILE_SENDING = new Framed.Digest(-1, -1,
			"ERR BUSY (reset while the request was still being sent)");

	private static void report(String attack, List<Framed.Digest> replies, Framed.Digest expected) {
		long exact = replies.stream().filter(expected::equals).count();
		long busy = replies.stream().filter(reply -> reply.prefix().startsWith("ERR BUSY ")).count();
		long reset = replies.stream().filter(REFUSED_WHILE_SENDING::equals).count();
		long cut = replies.stream().filter(AttackSuiteIT::cutAtTheTimeLimit).count();
		System.out.printf(
				"[attack] %s: %d exact, %d ERR BUSY (%d of them reset while sending), %d ERR TIMEOUT at the "
						+ "job's time limit, %d other%n",
				attack, exact, busy, reset, cut, replies.size() - exact - busy - cut);
	}

	/**
	 * The answers a big job may get while others compete for the cores and the memory:
	 * its exact squares, a refusal ({@code ERR BUSY}), or, on a machine slow enough that
	 * the admitted jobs together outlast {@code socketcore.squares.timeout}, the job cut
	 * at that limit. Anything else (wrong squares, another error, silence) fails.
	 */
	private static void assertExactOrRefused(Framed.Digest reply, Framed.Digest expected) {
		assertThat(reply).satisfiesAnyOf(exact -> assertThat(exact).isEqualTo(expected),
				busy -> assertThat(busy.prefix()).startsWith("ERR BUSY "),
				cut -> assertThat(cutAtTheTimeLimit(cut)).as("cut at the job's time limit: %s", cut).isTrue());
	}

	private static boolean cutAtTheTimeLimit(Framed.Digest reply) {
		return reply.prefix().startsWith("ERR TIMEOUT the job took longer than ");
	}

	/**
	 * Either the connection waits on (no reply yet), or the server said ERR BUSY and
	 * closed it.
	 * @return whether it was closed
	 */
	private static boolean assertToldBusyOrStillWaiting(Framed attacker) throws IOException {
		attacker.socket().setSoTimeout(50);
		String said;
		try {
			said = readUntilClosed(attacker.input());
		}
		catch (java.net.SocketTimeoutException stillWaiting) {
			return false;
		}
		assertThat(said).satisfiesAnyOf(nothing -> assertThat(nothing).isEmpty(),
				busy -> assertThat(busy).contains("ERR BUSY "));
		return true;
	}

	private static String readUntilClosed(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				bytes.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException reset) {
			// what arrived before the reset is the answer
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static Framed.Digest digest(String reply) {
		byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return new Framed.Digest(bytes.length, crc.getValue(), reply.substring(0, Math.min(64, reply.length())));
	}

	private interface Client<T> {

		T run(int index) throws Exception;

	}

	/**
	 * Runs {@code clients} at once, each on its own thread, and returns what each
	 * returned, in order. A client's failure says whether the server is still alive and
	 * what it printed last.
	 */
	private static <T> List<T> inParallel(PackagedServer server, int clients, Client<T> client) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		try {
			List<Future<T>> results = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				int index = i;
				results.add(threads.submit((Callable<T>) () -> client.run(index)));
			}
			List<T> values = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				try {
					values.add(results.get(i).get(5, TimeUnit.MINUTES));
				}
				catch (ExecutionException ex) {
					throw new AssertionError("client %d of %d failed; the server is %s; its last output:%n%s"
						.formatted(i, clients, server.alive() ? "alive" : "dead", server.outputTail()), ex.getCause());
				}
			}
			return values;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
