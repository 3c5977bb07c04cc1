package io.socketcore.observability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.ManagementClient;
import io.socketcore.support.RunningServerTest;
import io.socketcore.support.SquareGate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees, over real HTTP on the management port.
 */
@Import(SquareGate.class)
@TestPropertySource(properties = { "socketcore.squares.executor.core-size=2", "socketcore.squares.executor.max-size=3",
		"socketcore.squares.executor.queue-capacity=500", "socketcore.squares.chunk-size=100" })
class ObservabilityEndToEndTest extends RunningServerTest {

	private static final Pattern PROMETHEUS_SAMPLE = Pattern
		.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
				+ "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

	@Test
	void probesAreUpAndReadinessIncludesTheTcpListener() {
		ManagementClient management = management();
		assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		JsonNode readiness = management.json("/actuator/health/readiness");
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/tcp/status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/tcp/details/port").asInt()).isEqualTo(tcpPort());
	}

	@Test
	void onlyTheAgreedEndpointsAreExposed() {
		ManagementClient management = management();
		for (String exposed : new String[] { "health", "info", "metrics", "prometheus", "integrationgraph",
				"threadpools" }) {
			assertThat(management.get("/actuator/" + exposed).statusCode()).as(exposed).isEqualTo(200);
		}
		for (String hidden : new String[] { "env", "heapdump", "shutdown", "beans", "configprops", "threaddump",
				"loggers" }) {
			assertThat(management.get("/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void parallelJobShowsInExecutorMetricsWhileItRuns() throws Exception {
		ManagementClient management = management();
		double completedBefore = management.metric("executor.completed", "COUNT", "name:squareExecutor");
		String numbers = IntStream.range(0, 1000).mapToObj(Integer::toString).collect(Collectors.joining(" "));
		try (LineClient client = connect()) {
			SquareGate.close(2);
			client.send("SQUARE " + numbers);
			assertThat(SquareGate.awaitStarted()).isTrue();
			assertThat(management.metric("executor.active", "VALUE", "name:squareExecutor")).isGreaterThan(1);
			assertThat(management.json("/actuator/threadpools").at("/squareExecutor/state/active").asInt())
				.isGreaterThan(1);
			SquareGate.open();
			assertThat(client.readLine()).startsWith("[0, 1, 4, 9, ");
		}
		Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> management.metric("executor.completed", "COUNT", "name:squareExecutor") >= completedBefore
					+ 10);
		assertThat(management.metric("executor.queue.wait", "COUNT", "name:squareExecutor")).isGreaterThanOrEqualTo(10);
		assertThat(management.metric("socketcore.squares.job.size", "TOTAL", new String[0]))
			.isGreaterThanOrEqualTo(1000);
	}

	@Test
	void requestsAreCountedByCommandAndOutcome() throws IOException {
		ManagementClient management = management();
		double hello = management.metric("socketcore.requests", "COUNT", "command:HELLO", "outcome:ok");
		double badNumber = management.metric("socketcore.requests", "COUNT", "command:SQUARE", "outcome:BAD_NUMBER");
		double unknown = management.metric("socketcore.requests", "COUNT", "command:INVALID",
				"outcome:UNKNOWN_COMMAND");
		try (LineClient client = connect()) {
			client.ask("HELLO");
			client.ask("HELLO Ann");
			client.ask("SQUARE x");
			client.ask("WHAT");
		}
		assertThat(management.metric("socketcore.requests", "COUNT", "command:HELLO", "outcome:ok"))
			.isEqualTo(hello + 2);
		assertThat(management.metric("socketcore.requests", "COUNT", "command:SQUARE", "outcome:BAD_NUMBER"))
			.isEqualTo(badNumber + 1);
		assertThat(management.metric("socketcore.requests", "COUNT", "command:INVALID", "outcome:UNKNOWN_COMMAND"))
			.isEqualTo(unknown + 1);
	}

	@Test
	void connectionsAreCountedAndTheGaugeReturnsToZero() throws IOException {
		ManagementClient management = management();
		try (LineClient client = connect()) {
			client.ask("PING");
			assertThat(management.metric("socketcore.connections.active", "VALUE", "listener:default"))
				.isGreaterThanOrEqualTo(1);
		}
		Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> management.metric("socketcore.connections.active", "VALUE", "listener:default") == 0);
		assertThat(management.metric("socketcore.connections", "COUNT", "listener:default")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void prometheusTextParsesAndHoldsOurSeries() throws IOException {
		try (LineClient client = connect()) {
			client.ask("PING");
		}
		HttpResponse<String> response = management().get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		String text = response.body();
		for (String line : text.split("\n")) {
			if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")
					|| line.startsWith("# EOF")) {
				continue;
			}
			assertThat(line).as("a Prometheus sample line").matches(PROMETHEUS_SAMPLE);
		}
		assertThat(text).contains("executor_active_threads{name=\"squareExecutor\"}",
				"executor_active_threads{name=\"tcpConnectionExecutor\"}",
				"executor_queued_tasks{name=\"squareExecutor\"}",
				"executor_completed_tasks_total{name=\"squareExecutor\"}",
				"executor_rejected_total{name=\"squareExecutor\"}",
				"executor_pool_max_threads{name=\"squareExecutor\"}",
				"socketcore_connections_active{listener=\"default\"}",
				"socketcore_requests_seconds_bucket{command=\"PING\"",
				"socketcore_requests_seconds_count{command=\"PING\",outcome=\"ok\"}");
		// Spring Integration's per-component timers are off unless asked for
		// (IntegrationMetersEndToEndTest)
		assertThat(text).doesNotContain("spring_integration_");
	}

	@Test
	void threadPoolsEndpointMatchesTheConfiguration() {
		JsonNode pools = management().json("/actuator/threadpools");
		JsonNode squares = pools.get("squareExecutor");
		assertThat(squares.at("/configuration/coreSize").asInt()).isEqualTo(2);
		assertThat(squares.at("/configuration/maxSize").asInt()).isEqualTo(3);
		assertThat(squares.at("/configuration/queueCapacity").asInt()).isEqualTo(500);
		assertThat(squares.at("/configuration/threadNamePrefix").asString()).isEqualTo("square-");
		assertThat(squares.at("/state/rejected").asLong()).isZero();
		assertThat(squares.at("/state/remainingCapacity").isNumber()).isTrue();
		assertThat(pools.at("/tcpConnectionExecutor/configuration/threadNamePrefix").asString()).isEqualTo("tcp-");
	}

	@Test
	void infoShowsBuildAndEffectiveSettings() {
		JsonNode info = management().json("/actuator/info");
		assertThat(info.at("/build/version").asString()).isNotBlank();
		assertThat(info.at("/socketcore/tcp/port").asInt()).isEqualTo(tcpPort());
		assertThat(info.at("/socketcore/tcp/sendBufferBytes").asInt()).isEqualTo(64 * 1024);
		assertThat(info.at("/socketcore/tcp/receiveBufferBytes").asInt()).isEqualTo(64 * 1024);
		assertThat(info.at("/socketcore/tcp/maxConnectionsPerAddress").isInt()).isTrue();
		assertThat(info.at("/socketcore/tcp/maxConnectionsPerAddress").asInt()).isZero();
		assertThat(info.at("/socketcore/threadPools/squareExecutor/coreSize").asInt()).isEqualTo(2);
		assertThat(info.at("/socketcore/connectionThreads").asString())
			.isEqualTo((Runtime.version().feature() >= 21) ? "virtual" : "platform");
	}

}
