package io.socketcore.hardening;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.SocketcoreApplication;
import io.socketcore.support.LineClient;
import io.socketcore.support.ManagementClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.support.SquareGate;
import io.socketcore.tcp.TcpListeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing the application while a slow job is in flight: readiness goes OUT_OF_SERVICE,
 * new connections are refused, the job's reply still arrives, and only then does the
 * connection close.
 */
class GracefulShutdownTest {

	@AfterEach
	void openGate() {
		SquareGate.open();
	}

	@Test
	void inFlightJobIsAnsweredAndNewConnectionsAreRefused() throws Exception {
		int managementPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			managementPort = probe.getLocalPort();
		}
		// Management on the server port, as deployed: readiness stays readable while
		// connections drain.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketcoreApplication.class,
				SquareGate.class)
			.run("--socketcore.tcp.port=0", "--management.server.port=" + managementPort,
					"--socketcore.squares.chunk-size=10", "--socketcore.squares.executor.core-size=1",
					"--spring.lifecycle.timeout-per-shutdown-phase=60s");
		TcpNetServerConnectionFactory listener = context.getBean("tcpServerConnectionFactory",
				TcpNetServerConnectionFactory.class);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(listener::isListening);
		int port = listener.getPort();
		ManagementClient management = new ManagementClient(managementPort);
		assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

		try (LineClient client = new LineClient(port); LineClient idle = new LineClient(port)) {
			assertThat(idle.ask("PING")).isEqualTo("PONG");
			SquareGate.close(1);
			client.send("SQUARE " + BackPressureEndToEndTest.numbers(30));
			assertThat(SquareGate.awaitStarted()).isTrue();

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

			Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> {
				try (Socket refused = new Socket("127.0.0.1", port)) {
					refused.getOutputStream().write('x');
				}
			}).isInstanceOf(ConnectException.class));
			assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			assertThat(closing).isNotDone();

			SquareGate.open();
			assertThat(client.readLine()).startsWith("[0, 1, 4, 9, ");
			closing.get(60, TimeUnit.SECONDS);
			assertThat(client.serverClosed()).isTrue();
			assertThat(idle.serverClosed()).isTrue();
		}
		assertThat(context.isActive()).isFalse();
	}

	static Stream<Arguments> halfFrames() {
		return Stream.of(Arguments.of("lf", "SQUA", "RE 2\n", "[4]\n"),
				Arguments.of("crlf", "SQUA", "RE 2\r\n", "[4]\r\n"),
				Arguments.of("stx-etx", "\u0002SQUA", "RE 2\u0003", "\u0002[4]\u0003"),
				Arguments.of("length-header", "\u0000\u0000\u0000\u0008SQUA", "RE 2", "\u0000\u0000\u0000\u0003[4]"));
	}

	@ParameterizedTest
	@MethodSource("halfFrames")
	void aFrameHalfReceivedIsAwaitedAndAnswered(String framing, String firstHalf, String secondHalf, String reply)
			throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketcoreApplication.class).run(
				"--socketcore.tcp.port=0", "--management.server.port=0", "--socketcore.tcp.listeners.framed.port=0",
				"--socketcore.tcp.listeners.framed.framing=" + framing,
				"--spring.lifecycle.timeout-per-shutdown-phase=60s");
		TcpListeners listeners = context.getBean(TcpListeners.class);
		try (Socket client = new Socket("127.0.0.1", RunningServerTest.listenerPort(listeners, "framed"))) {
			client.setSoTimeout(30_000);
			client.getOutputStream().write(firstHalf.getBytes(StandardCharsets.ISO_8859_1));
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> listeners.all().stream().mapToInt(listener -> listener.tracker().active()).sum() == 1);

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			Awaitility.await()
				.during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> !closing.isDone());

			client.getOutputStream().write(secondHalf.getBytes(StandardCharsets.ISO_8859_1));
			assertThat(new String(client.getInputStream().readNBytes(reply.length()), StandardCharsets.ISO_8859_1))
				.isEqualTo(reply);
			closing.get(60, TimeUnit.SECONDS);
		}
		assertThat(context.isActive()).isFalse();
	}

}
