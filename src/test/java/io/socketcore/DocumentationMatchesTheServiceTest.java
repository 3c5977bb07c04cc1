package io.socketcore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference in {@code docs/} cannot drift from the service: every configuration key
 * the application binds (from the metadata the build generates) is documented in
 * docs/configuration.md and every key documented there exists; every meter of
 * socketcore's own that the running service publishes is in the table of
 * docs/operations.md, and every meter of that table is published.
 */
class DocumentationMatchesTheServiceTest extends RunningServerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A key in the first column of a table: {@code | `socketcore.tcp.port` |}. */
	private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\| `(socketcore\\.[a-z0-9.<>*-]+)`");

	@Test
	void everyConfigurationKeyIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
		Set<String> bound = new TreeSet<>();
		JsonNode metadata = JSON
			.readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("socketcore.") && !name.startsWith("socketcore.tcp.listeners")) {
				bound.add(name);
			}
		}
		assertThat(bound).as("keys in the generated metadata").contains("socketcore.tcp.port");
		Set<String> documented = tableKeys(Path.of("docs/configuration.md"));
		documented.removeIf(key -> key.startsWith("socketcore.tcp.listeners"));
		assertThat(documented).as("keys documented in docs/configuration.md")
			.containsExactlyInAnyOrderElementsOf(bound);
	}

	@Test
	void everyMeterOfSocketcoreIsDocumentedAndEveryDocumentedMeterIsPublished() throws IOException {
		try (LineClient client = connect()) {
			// socketcore.requests is registered by the first request of a command
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
		Set<String> published = new TreeSet<>();
		for (JsonNode name : management().json("/actuator/metrics").get("names")) {
			if (name.asString().startsWith("socketcore.")) {
				published.add(name.asString());
			}
		}
		assertThat(published).as("meters the service publishes").contains("socketcore.connections.active");
		assertThat(tableKeys(Path.of("docs/operations.md"))).as("meters documented in docs/operations.md")
			.containsExactlyInAnyOrderElementsOf(published);
	}

	private static Set<String> tableKeys(Path page) throws IOException {
		Set<String> keys = new TreeSet<>();
		Matcher key = TABLE_KEY.matcher(Files.readString(page));
		while (key.find()) {
			keys.add(key.group(1));
		}
		return keys;
	}

}
