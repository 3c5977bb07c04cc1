package io.socketcore.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar that {@code package} built carries the configuration metadata IDEs complete {@code socketcore.*}
 * from, whichever JDK compiled it (javac 23 and later run no processor found on the class path): every
 * property described, defaults given, enumerated values and the listeners map hinted.
 */
class PackagedJarIT {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void theJarCarriesDescribedMetadataWithHints() throws IOException {
		JsonNode metadata;
		try (JarFile jar = new JarFile(jar().toFile())) {
			ZipEntry entry = jar.getEntry(METADATA);
			assertThat(entry).as("%s in %s", METADATA, jar.getName()).isNotNull();
			try (InputStream in = jar.getInputStream(entry)) {
				metadata = JsonMapper.builder().build().readTree(in);
			}
		}
		List<String> undescribed = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("socketcore.")) {
				names.add(name);
				if (!property.has("description") || property.get("description").asString().isBlank()) {
					undescribed.add(name);
				}
			}
		}
		assertThat(names).contains("socketcore.tcp.port", "socketcore.tcp.write-timeout", "socketcore.tcp.listeners",
				"socketcore.memory.limit", "socketcore.memory.connection-allowance", "socketcore.squares.max-numbers",
				"socketcore.greeting.template");
		assertThat(undescribed).isEmpty();
		assertThat(property(metadata, "socketcore.tcp.max-line-bytes").get("defaultValue").asString()).isEqualTo("16MB");
		List<String> hinted = new ArrayList<>();
		metadata.get("hints").forEach(hint -> hinted.add(hint.get("name").asString()));
		assertThat(hinted).contains("socketcore.tcp.connection-threads", "socketcore.tcp.listeners.keys",
				"socketcore.tcp.listeners.values.framing", "socketcore.tcp.listeners.values.client-auth");
	}

	private static JsonNode property(JsonNode metadata, String name) {
		for (JsonNode property : metadata.get("properties")) {
			if (property.get("name").asString().equals(name)) {
				return property;
			}
		}
		throw new AssertionError("no property " + name);
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("socketcore-.*\\.jar"))
				.filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow(() -> new IOException("no jar in target/: the package phase runs before this test"));
		}
	}

}
