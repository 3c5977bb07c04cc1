package io.socketcore.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.socketcore.support.LineClient;
import io.socketcore.support.PackagedServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar that {@code package} built carries the configuration metadata IDEs complete
 * {@code socketcore.*} from, whichever JDK compiled it (javac 23 and later run no
 * processor found on the class path): every property described, defaults given,
 * enumerated values and the listeners map hinted. And it carries its SBOM, which the
 * running jar serves at {@code /actuator/sbom/application}, as Spring Boot does.
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
				if (!property.has("description") || property.get("description").asString().isBlank()
						|| property.get("description").asString().contains("{@")) {
					undescribed.add(name);
				}
			}
		}
		assertThat(names).contains("socketcore.tcp.port", "socketcore.tcp.write-timeout", "socketcore.tcp.listeners",
				"socketcore.memory.limit", "socketcore.memory.connection-allowance", "socketcore.squares.max-numbers",
				"socketcore.greeting.template");
		assertThat(undescribed).as("properties without a plain-text description").isEmpty();
		assertThat(property(metadata, "socketcore.tcp.max-line-bytes").get("defaultValue").asString())
			.isEqualTo("16MB");
		List<String> hinted = new ArrayList<>();
		metadata.get("hints").forEach(hint -> hinted.add(hint.get("name").asString()));
		assertThat(hinted).contains("socketcore.tcp.connection-threads", "socketcore.tcp.listeners.keys",
				"socketcore.tcp.listeners.values.framing", "socketcore.tcp.listeners.values.client-auth");
	}

	@Test
	void theJarCarriesItsSbomAndActuatorServesIt() throws IOException, InterruptedException {
		try (JarFile jar = new JarFile(jar().toFile())) {
			ZipEntry entry = jar.getEntry("META-INF/sbom/application.cdx.json");
			assertThat(entry).as("the CycloneDX SBOM in %s", jar.getName()).isNotNull();
		}
		try (PackagedServer server = PackagedServer.current()) {
			JsonNode ids = server.management().json("/actuator/sbom");
			assertThat(ids.get("ids").toString()).contains("application");
			JsonNode sbom = server.management().json("/actuator/sbom/application");
			assertThat(sbom.get("bomFormat").asString()).isEqualTo("CycloneDX");
			assertThat(sbom.at("/metadata/component/name").asString()).isEqualTo("socketcore");
			List<String> components = new ArrayList<>();
			sbom.get("components").forEach(component -> components.add(component.get("name").asString()));
			assertThat(components).contains("spring-integration-ip", "jackson-databind", "micrometer-core");
		}
	}

	/**
	 * Kubernetes stops a pod with SIGTERM: the JVM's own answer is status 143, which
	 * reads as a failure; the service drains its connections and exits 0.
	 */
	@Test
	void sigtermEndsTheProcessWithStatusZeroAfterItsRequestsAreAnswered() throws IOException, InterruptedException {
		PackagedServer server = PackagedServer.current();
		try (LineClient client = new LineClient(server.port("default"))) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
		assertThat(server.terminate()).as("exit status on SIGTERM; output:%n%s", server.outputTail()).isZero();
		assertThat(server.alive()).isFalse();
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
		return PackagedServer.jar();
	}

}
