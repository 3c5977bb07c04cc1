package io.socketcore.observability;

import java.net.ServerSocket;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.util.ReflectionTestUtils;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener whose accept loop dies while nobody stopped it can take no new client:
 * readiness goes DOWN, and liveness BROKEN, so that Kubernetes restarts the pod rather
 * than keep it forever out of service.
 */
@DirtiesContext
class DeadListenerEndToEndTest extends RunningServerTest {

	@Test
	void deadAcceptLoopTurnsLivenessBroken() throws Exception {
		assertThat(management().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		// what an operating system error on accept() does to the loop
		((ServerSocket) ReflectionTestUtils.getField(this.tcpServerConnectionFactory, "serverSocket")).close();
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(management().get("/actuator/health/liveness").statusCode()).isEqualTo(503);
			assertThat(management().json("/actuator/health/liveness").get("status").asString()).isEqualTo("DOWN");
		});
		assertThat(management().get("/actuator/health/readiness").statusCode()).isEqualTo(503);
	}

}
