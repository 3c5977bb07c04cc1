package io.socketcore.observability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.socketcore.SocketcoreApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One INFO line says where the service listens; one property turns the console into JSON
 * lines.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoggingTest {

	/**
	 * Logback keeps its configuration across Spring applications in one JVM; other tests
	 * switch JSON logs on, so each test here starts from a clean logging system, and
	 * leaves one behind.
	 */
	@BeforeEach
	@AfterEach
	void resetLogging() {
		LoggingSystem.get(LoggingTest.class.getClassLoader()).cleanUp();
		// Spring Boot hands the format to Logback through this system property, which
		// outlives the application.
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
	}

	private static final String[] FREE_PORTS = { "--socketcore.tcp.port=0", "--management.server.port=0",
			"--server.port=0" };

	@Test
	@Order(1)
	void startUpIsReportedInOneHumanReadableLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketcoreApplication.class)
			.run(FREE_PORTS)) {
			assertThat(output.getOut().lines().filter(line -> line.contains("socketcore ready: TCP on *:")))
				.singleElement()
				.satisfies(line -> assertThat(line).contains(" INFO ", "management HTTP on ", "squareExecutor(core=")
					.containsPattern("; memory budget [1-9][0-9]*MB$"));
		}
	}

	// Last: Logback keeps the structured encoder for the rest of this JVM.
	@Test
	@Order(2)
	void structuredLoggingIsOneProperty(CapturedOutput output) {
		String[] args = { FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2], "--logging.structured.format.console=ecs" };
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketcoreApplication.class)
			.run(args)) {
			JsonMapper json = JsonMapper.builder().build();
			assertThat(output.getOut().lines().filter(line -> line.contains("socketcore ready"))).singleElement()
				.satisfies(line -> {
					JsonNode event = json.readTree(line);
					JsonNode level = event.has("log.level") ? event.get("log.level") : event.at("/log/level");
					assertThat(level.asString()).isEqualTo("INFO");
					assertThat(event.at("/message").asString()).startsWith("socketcore ready: TCP on ");
				});
		}
	}

}
