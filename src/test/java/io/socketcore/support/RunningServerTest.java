package io.socketcore.support;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.tcp.TcpListeners;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of end-to-end tests: the whole application on free ports, spoken to over real
 * sockets and HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketcore.tcp.port=0", "management.server.port=0" })
public abstract class RunningServerTest {

	@Autowired
	protected TcpNetServerConnectionFactory tcpServerConnectionFactory;

	@LocalManagementPort
	protected int managementPort;

	@BeforeEach
	void awaitTcpListener() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(this.tcpServerConnectionFactory::isListening);
	}

	protected int tcpPort() {
		return this.tcpServerConnectionFactory.getPort();
	}

	@Autowired
	protected TcpListeners tcpListeners;

	/**
	 * The port of a listener configured under {@code socketcore.tcp.listeners.<name>},
	 * once it listens.
	 */
	protected int listenerPort(String name) {
		return listenerPort(this.tcpListeners, name);
	}

	/**
	 * The port of the listener {@code name} of an application context's
	 * {@link TcpListeners}, once it listens.
	 */
	public static int listenerPort(TcpListeners listeners, String name) {
		TcpListeners.Listener listener = listeners.all()
			.stream()
			.filter(candidate -> candidate.spec().name().equals(name))
			.findFirst()
			.orElseThrow();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(listener.factory()::isListening);
		return listener.factory().getPort();
	}

	protected ManagementClient management() {
		return new ManagementClient(this.managementPort);
	}

	protected LineClient connect() throws java.io.IOException {
		return new LineClient(tcpPort());
	}

	/**
	 * Opens {@code count} clients, each answered PONG to a PING, into {@code clients}
	 * (which the caller closes, those opened before a failure included).
	 */
	protected void connectAnswering(int count, List<LineClient> clients) throws java.io.IOException {
		for (int i = 0; i < count; i++) {
			LineClient client = connect();
			clients.add(client);
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
	}

}
