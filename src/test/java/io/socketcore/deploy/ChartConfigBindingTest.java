package io.socketcore.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.kubernetes.client.openapi.models.V1Pod;
import io.socketcore.SocketcoreApplication;
import io.socketcore.greeting.GreetingProperties;
import io.socketcore.squares.SquaresProperties;
import io.socketcore.support.LineClient;
import io.socketcore.support.ThrowawayCertificates;
import io.socketcore.tcp.TcpProperties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ConfigMap's application.yml is what the application reads: the application is
 * started with it as its additional config location (as the Deployment's
 * SPRING_CONFIG_ADDITIONAL_LOCATION does) and its {@code @ConfigurationProperties}
 * records are checked.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChartConfigBindingTest {

	static final String SETTINGS = """
			listeners:
			  legacy:
			    port: 2323
			config:
			  socketcore:
			    tcp:
			      listeners:
			        legacy:
			          framing: crlf
			      max-connections: 500
			      idle-timeout: 2m
			      max-line-bytes: 1MB
			    greeting:
			      template: "Hi, {name}."
			      default-name: friend
			    squares:
			      chunk-size: 1000
			      timeout: 10s
			      executor:
			        core-size: 3
			        max-size: 4
			        queue-capacity: 50
			gracefulShutdown:
			  timeoutSeconds: 45
			""";

	/**
	 * Only the ports are moved (command-line arguments win over config files), to free
	 * ones.
	 */
	private static final String[] FREE_PORTS = { "--socketcore.tcp.port=0", "--management.server.port=0",
			"--server.port=0", "--socketcore.tcp.listeners.legacy.port=0" };

	@Test
	void theApplicationBindsTheRenderedSettings(@TempDir Path dir, CapturedOutput output) throws IOException {
		Manifests manifests = Chart.renderWithValues(SETTINGS);
		Path applicationYml = Files.writeString(dir.resolve("application.yml"), manifests.applicationYaml());

		try (ConfigurableApplicationContext context = start(applicationYml)) {
			TcpProperties tcp = context.getBean(TcpProperties.class);
			assertThat(tcp.maxConnections()).isEqualTo(500);
			assertThat(tcp.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
			assertThat(tcp.maxLineBytes()).isEqualTo(DataSize.ofMegabytes(1));

			GreetingProperties greeting = context.getBean(GreetingProperties.class);
			assertThat(greeting.template()).isEqualTo("Hi, {name}.");
			assertThat(greeting.defaultName()).isEqualTo("friend");

			SquaresProperties squares = context.getBean(SquaresProperties.class);
			assertThat(squares.chunkSize()).isEqualTo(1000);
			assertThat(squares.timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(squares.executor().coreSize()).isEqualTo(3);
			assertThat(squares.executor().maxSize()).isEqualTo(4);
			assertThat(squares.executor().queueCapacity()).isEqualTo(50);

			// The keys the chart owns are in the file as the application spells them.
			PropertySource<?> file = chartFile(context.getEnvironment(), applicationYml);
			ApplicationDefaults app = ApplicationDefaults.load();
			assertThat(file.getProperty("socketcore.tcp.port")).isEqualTo(app.tcpPort());
			assertThat(file.getProperty("management.server.port")).isEqualTo(app.managementPort());
			assertThat(file.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("45s");
			assertThat(file.getProperty("socketcore.tcp.listeners.legacy.port")).isEqualTo(2323);
			assertThat(file.getProperty("socketcore.tcp.listeners.legacy.framing")).isEqualTo("crlf");
			assertThat(
					context.getEnvironment().getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class))
				.isEqualTo(Duration.ofSeconds(45));
			assertThat(context.getEnvironment().getProperty("logging.structured.format.console")).isEqualTo("ecs");
			assertThat(output.getOut().lines().filter(line -> line.contains("socketcore ready"))).as("JSON log lines")
				.singleElement()
				.satisfies(line -> assertThat(line).startsWith("{"));

			// The helm test pod expects what this application answers.
			TcpNetServerConnectionFactory server = context.getBean("tcpServerConnectionFactory",
					TcpNetServerConnectionFactory.class);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(server::isListening);
			String expected = expectedGreeting(dir, SETTINGS);
			try (LineClient client = new LineClient(server.getPort())) {
				assertThat(client.ask("HELLO")).isEqualTo("Hi, friend.").isEqualTo(expected);
			}
		}
	}

	@Test
	void theDefaultRenderAnswersTheDefaultGreeting(@TempDir Path dir) throws IOException {
		Path applicationYml = Files.writeString(dir.resolve("application.yml"), Chart.render().applicationYaml());
		try (ConfigurableApplicationContext context = start(applicationYml)) {
			TcpNetServerConnectionFactory server = context.getBean("tcpServerConnectionFactory",
					TcpNetServerConnectionFactory.class);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(server::isListening);
			try (LineClient client = new LineClient(server.getPort())) {
				assertThat(client.ask("HELLO")).isEqualTo(expectedGreeting(dir, null));
			}
		}
	}

	/**
	 * {@code tls.existingSecret}: the rendered settings, with the Secret's files
	 * (tls.crt, tls.key) where the pod mounts them, make the application serve TLS on the
	 * chart's TLS listener.
	 */
	@Test
	void anExistingTlsSecretIsServedByTheTlsListener(@TempDir Path dir) throws Exception {
		ThrowawayCertificates certificates = ThrowawayCertificates.create();
		Path secret = Files.createDirectories(dir.resolve("secret"));
		Files.copy(certificates.file("server.pem"), secret.resolve("tls.crt"));
		Files.writeString(secret.resolve("tls.key"), certificates.privateKeyPem("server"));
		String applicationYaml = Chart.renderWithValues("tls: {existingSecret: socketcore-cert}")
			.applicationYaml()
			.replace("/etc/socketcore-tls", secret.toAbsolutePath().toString());
		Path applicationYml = Files.writeString(dir.resolve("application.yml"), applicationYaml);
		try (ConfigurableApplicationContext context = start(applicationYml, "--socketcore.tcp.listeners.tls.port=0")) {
			TcpNetServerConnectionFactory tls = context.getBean("tcpServerConnectionFactory.tls",
					TcpNetServerConnectionFactory.class);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(tls::isListening);
			try (SSLSocket socket = (SSLSocket) certificates.clientContext(false)
				.getSocketFactory()
				.createSocket("127.0.0.1", tls.getPort())) {
				socket.setSoTimeout(30_000);
				socket.getOutputStream().write("PING\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
					.isEqualTo("PONG\n");
			}
		}
	}

	@Test
	void aSettingTheApplicationRefusesStopsItsStartUp(@TempDir Path dir) throws IOException {
		Manifests manifests = Chart.render(Map.of("config.socketcore.squares.chunk-size", 0));
		Path applicationYml = Files.writeString(dir.resolve("application.yml"), manifests.applicationYaml());
		assertThatThrownBy(() -> start(applicationYml).close()).hasStackTraceContaining("chunkSize");
	}

	private static ConfigurableApplicationContext start(Path applicationYml, String... more) {
		List<String> args = new ArrayList<>(List.of(FREE_PORTS));
		args.add("--spring.config.additional-location=file:" + applicationYml.toAbsolutePath());
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(SocketcoreApplication.class).run(args.toArray(String[]::new));
	}

	private static PropertySource<?> chartFile(ConfigurableEnvironment environment, Path applicationYml) {
		return environment.getPropertySources()
			.stream()
			.filter(source -> source.getName().contains(applicationYml.getFileName().toString())
					&& source.getName().contains(applicationYml.getParent().getFileName().toString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"the chart's application.yml is not a property source: " + environment.getPropertySources()));
	}

	/** The greeting the chart's helm test pod expects with these values. */
	private static String expectedGreeting(Path dir, String values) throws IOException {
		Path chart = Chart.copyWithTestHookAsManifest(dir.resolve("chart"));
		V1Pod pod = Chart.render(chart, Map.of(), values, Chart.KUBE_VERSION).one(V1Pod.class);
		return io.socketcore.support.ChartParts.env(pod.getSpec().getContainers().get(0)).get("EXPECTED");
	}

}
