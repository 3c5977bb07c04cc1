package io.socketcore.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import io.socketcore.greeting.GreetingService;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;
import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that fails unexpectedly: its request is answered {@code ERR INTERNAL} in the
 * request's dialect, alone or inside a pipelining client's read, and the connection goes
 * on answering.
 */
@Import(FailingServiceEndToEndTest.FailingGreeting.class)
class FailingServiceEndToEndTest extends RunningServerTest {

	private static final String INTERNAL = "ERR INTERNAL the server failed to answer; see its log";

	@Test
	void aFailedRequestIsAnsweredInternalAndTheConnectionGoesOn() throws Exception {
		try (LineClient client = connect()) {
			assertThat(client.ask("HELLO boom")).isEqualTo(INTERNAL);
			assertThat(client.ask("HELLO Bob")).isEqualTo("Hello, Bob!");
			assertThat(client.ask("{\"id\":4,\"op\":\"hello\",\"name\":\"boom\"}"))
				.isEqualTo("{\"id\":4,\"error\":{\"code\":\"INTERNAL\",\"message\":\""
						+ "the server failed to answer; see its log\"}}");
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> management().metric("socketcore.requests", "COUNT", "command:HELLO", "outcome:INTERNAL") >= 2);
	}

	@Test
	void aFailedRequestInAPipelinedReadIsAnsweredInItsPlace() throws Exception {
		try (LineClient client = connect()) {
			client.sendRaw("HELLO Ann\nHELLO boom\nPING\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLines(3)).containsExactly("Hello, Ann!", INTERNAL, "PONG");
			assertThat(client.ask("HELLO Bob")).isEqualTo("Hello, Bob!");
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> management().metric("socketcore.requests", "COUNT", "command:HELLO", "outcome:INTERNAL") >= 1);
	}

	/** Greets everyone but "boom", whose greeting fails as a bug would. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingGreeting {

		@Bean
		@Primary
		GreetingService failingGreetingService() {
			return new GreetingService("Hello, {name}!", "client") {

				@Override
				public Reply greet(Request.Hello hello) {
					if ("boom".equals(hello.name())) {
						throw new IllegalStateException("a bug in the greeting");
					}
					return super.greet(hello);
				}

			};
		}

	}

}
