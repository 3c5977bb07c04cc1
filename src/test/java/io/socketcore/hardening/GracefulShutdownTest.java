package io.socketcore.hardening;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.SocketcoreApplication;
import io.socketcore.support.LineClient;
import io.socketcore.support.ManagementClient;
import io.socketcore.support.SquareGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing the application while a slow job is in flight: readiness goes OUT_OF_SERVICE, new connections
 * are refused, the job's reply still arrives, and only then does the connection close.
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
		// Management on the server port, as deployed: readiness stays readable while connections drain.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketcoreApplication.class,
				SquareGate.class)
			.run("--socketcore.tcp.port=0", "--management.server.port=" + managementPort,
					"--socketcore.squares.chunk-size=10", "--socketcore.squares.executor.core-size=1",
					"--spring.lifecycle.timeout-per-shutdown-phase=60s");
		TcpNetServerConnectionFactory listener = context.getBean("tcpServerConnectionFactory", TcpNetServerConnectionFactory.class);
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

}
