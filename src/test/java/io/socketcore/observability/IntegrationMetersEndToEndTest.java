package io.socketcore.observability;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Integration's per-component timers, off by default on the request path, come
 * back with one switch.
 */
@TestPropertySource(properties = "socketcore.observability.integration-meters=true")
class IntegrationMetersEndToEndTest extends RunningServerTest {

	@Test
	void theSwitchBringsBackSpringIntegrationsTimers() throws Exception {
		try (LineClient client = connect()) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
		String text = management().get("/actuator/prometheus").body();
		assertThat(text).contains("spring_integration_send_seconds_count{", "name=\"requests\"");
	}

}
