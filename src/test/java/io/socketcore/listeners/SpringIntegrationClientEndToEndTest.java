package io.socketcore.listeners;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.MessageChannel;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The most natural client of a Spring Integration TCP server: a Spring Integration TCP
 * client with its default codec, which ends each message in CR LF and reads replies up to
 * CR LF. On an {@code lf} listener a reply ends the way its request ended, so that client
 * is answered as well as one speaking LF.
 */
class SpringIntegrationClientEndToEndTest extends RunningServerTest {

	@Test
	void aSpringIntegrationClientWithItsDefaultCodecIsAnswered() {
		try (AnnotationConfigApplicationContext client = new AnnotationConfigApplicationContext()) {
			client.registerBean(Server.class, () -> new Server(tcpPort()));
			client.register(ClientConfiguration.class);
			client.refresh();
			MessagingTemplate template = new MessagingTemplate(client.getBean("toServer.input", MessageChannel.class));
			template.setReceiveTimeout(10_000);
			assertThat(ask(template, "SQUARE 1 2 3")).isEqualTo("[1, 4, 9]");
			assertThat(ask(template, "HELLO Spring")).isEqualTo("Hello, Spring!");
			assertThat(ask(template, "SQUARE x")).startsWith("ERR BAD_NUMBER ");
		}
	}

	record Server(int port) {
	}

	/**
	 * A client as its documentation shows one: an outbound gateway on
	 * {@code Tcp.netClient}, default codec. Not a {@code @Configuration}, which the
	 * test's own context would pick up.
	 */
	@EnableIntegration
	static class ClientConfiguration {

		@Bean
		IntegrationFlow toServer(Server server) {
			return flow -> flow
				.handle(Tcp.outboundGateway(Tcp.netClient("127.0.0.1", server.port())).remoteTimeout(10_000));
		}

	}

	private static String ask(MessagingTemplate template, String request) {
		byte[] reply = template.convertSendAndReceive(request, byte[].class);
		assertThat(reply).as("a reply to %s", request).isNotNull();
		return new String(reply, StandardCharsets.UTF_8);
	}

	@Test
	void repliesEndAsTheirRequestsEnded() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", tcpPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write("PING\r\nPING\nSQUARE x\r\n{\"op\":\"ping\"}\r\nHELLO\n".getBytes(StandardCharsets.US_ASCII));
			String expected = "PONG\r\nPONG\nERR BAD_NUMBER 'x' at position 1 is not a number (expected an integer or "
					+ "decimal such as 12, -7 or 1.5)\r\n{\"result\":\"PONG\"}\r\nHello, client!\n";
			assertThat(new String(in.readNBytes(expected.length()), StandardCharsets.US_ASCII)).isEqualTo(expected);
		}
	}

}
