package io.socketcore.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.socketcore.support.KernelQueues;
import io.socketcore.support.WriteUntilClosed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's HTTP server is bounded like the TCP listeners: a client that asks for
 * replies and does not read them parks at most the fixed socket buffers in the server's
 * kernel (Linux's autotuning let it park about 3 MB per connection, 285 MiB with 100
 * connections), and it holds at most application.yml's server.tomcat.max-connections:
 * what ConnectionMemory counts beside the heap. Actuator and the application share one
 * HTTP server here, as in production (server.port follows management.server.port); the
 * attack suite's packaged server has a management server of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "socketcore.tcp.port=0")
class ManagementServerLimitsEndToEndTest {

	private final int managementPort = FREE_PORT;

	private static final int FREE_PORT = freePort();

	/** Twice the 64 KiB buffer (the kernel's doubling), and one segment of slack. */
	private static final long QUEUE_BOUND = 2 * 64 * 1024 + 64 * 1024;

	private static final int MAX_CONNECTIONS = 32;

	private static final byte[] LIVENESS = "GET /actuator/health/liveness HTTP/1.1\r\nHost: socketcore\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	@Test
	void repliesAClientDoesNotReadFillNoMoreThanTheSendBuffer() throws Exception {
		KernelQueues.assumeReadable();
		byte[] scrapes = "GET /actuator/prometheus HTTP/1.1\r\nHost: socketcore\r\n\r\n".repeat(100)
			.getBytes(StandardCharsets.US_ASCII);
		try (Socket stalled = new Socket()) {
			stalled.setReceiveBufferSize(4096);
			stalled.connect(new InetSocketAddress("127.0.0.1", this.managementPort));
			CompletableFuture<Void> sending = WriteUntilClosed.start(stalled, scrapes);
			long held = KernelQueues
				.settled(() -> KernelQueues.serverSide(this.managementPort, stalled)[KernelQueues.SEND_QUEUE]);
			stalled.close();
			sending.join();
			assertThat(held).as("reply bytes the server's kernel holds for the client").isBetween(1L, QUEUE_BOUND);
		}
	}

	@Test
	void aConnectionBeyondTheLimitWaitsUntilOneCloses() throws Exception {
		List<Socket> held = new ArrayList<>();
		try {
			Socket waiting = null;
			while (waiting == null && held.size() <= MAX_CONNECTIONS) {
				Socket client = new Socket("127.0.0.1", this.managementPort);
				client.setSoTimeout(2_000);
				client.getOutputStream().write(LIVENESS);
				try {
					assertThat(statusLine(client.getInputStream())).isEqualTo("HTTP/1.1 200 ");
					held.add(client);
				}
				catch (SocketTimeoutException notAccepted) {
					waiting = client;
				}
			}
			assertThat(held).as("connections answered before one was kept waiting").hasSizeBetween(1, MAX_CONNECTIONS);
			assertThat(waiting).isNotNull();
			held.remove(0).close();
			waiting.setSoTimeout(10_000);
			held.add(waiting);
			assertThat(statusLine(waiting.getInputStream())).isEqualTo("HTTP/1.1 200 ");
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	@DynamicPropertySource
	static void oneHttpServer(DynamicPropertyRegistry registry) {
		registry.add("management.server.port", () -> FREE_PORT);
	}

	private static int freePort() {
		try (ServerSocket probe = new ServerSocket(0)) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The reply's first line up to its reason phrase, which Tomcat leaves out. */
	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\r' && line.length() < 13; b = in.read()) {
			line.append((char) b);
		}
		return line.toString();
	}

}
