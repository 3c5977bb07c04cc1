package io.socketcore.observability;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the TCP listener: when it stops accepting, Kubernetes must stop
 * sending traffic. It stops the listener, so it runs in a context of its own, thrown away
 * afterwards.
 */
@DirtiesContext
@TestPropertySource(properties = "socketcore.greeting.default-name=readiness")
class ReadinessEndToEndTest extends RunningServerTest {

	@Test
	void readinessGoesOutOfServiceWhenTheListenerStops() {
		var before = management().get("/actuator/health/readiness");
		assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
		this.tcpServerConnectionFactory.stop();
		var response = management().get("/actuator/health/readiness");
		assertThat(response.statusCode()).isEqualTo(503);
		JsonNode readiness = management().json("/actuator/health/readiness");
		assertThat(readiness.at("/components/tcp/status").asString()).isEqualTo("OUT_OF_SERVICE");
		assertThat(management().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

}
