package io.socketcore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad value stops start-up, and the failure names the key.
 */
class ConfigurationValidationTest {

	// Nested records are reported with their Java path (executor.coreSize): still the
	// key, in camel case.
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "socketcore.squares.chunk-size=0|socketcore.squares.chunk-size",
					"socketcore.squares.chunk-chars=0|socketcore.squares.chunk-chars",
					"socketcore.squares.max-numbers=-1|socketcore.squares.max-numbers",
					"socketcore.squares.executor.core-size=0|socketcore.squares.executor.coreSize",
					"socketcore.squares.executor.thread-priority=11|socketcore.squares.executor.threadPriority",
					"socketcore.tcp.port=70000|socketcore.tcp.port",
					"socketcore.tcp.max-connections=0|socketcore.tcp.max-connections",
					"socketcore.tcp.idle-timeout=soon|socketcore.tcp.idle-timeout",
					"socketcore.tcp.send-buffer=32KB|socketcore.tcp.send-buffer",
					"socketcore.tcp.receive-buffer=8MB|socketcore.tcp.receive-buffer",
					"socketcore.tcp.max-connections-per-address=-1|socketcore.tcp.max-connections-per-address",
					"socketcore.greeting.template=Hi there|socketcore.greeting.template" })
	void invalidValueStopsStartUpNamingTheKey(String property, String key) {
		String port = property.startsWith("socketcore.tcp.port=") ? "spring.main.banner-mode=off"
				: "socketcore.tcp.port=0";
		SpringApplicationBuilder application = new SpringApplicationBuilder(SocketcoreApplication.class);
		assertThatThrownBy(
				() -> application.run("--" + property, "--" + port, "--management.server.port=0", "--server.port=0")
					.close())
			.hasStackTraceContaining(key);
	}

}
