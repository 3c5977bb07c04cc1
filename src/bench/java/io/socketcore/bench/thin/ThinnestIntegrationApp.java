package io.socketcore.bench.thin;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The comparison issue 3 asks for: the thinnest Spring Boot + Spring Integration +
 * Actuator application that answers our line protocol's {@code HELLO} over TCP, with
 * Spring Integration's defaults and nothing of socketcore's tuning. It runs on the same
 * classpath as the benchmark, so Actuator is served over HTTP as in socketcore.
 * <p>
 * Arguments: {@code <tcp port> <net|nio> <http port>}. {@code net} is the blocking
 * {@code Tcp.netServer}, {@code nio} the selector-based {@code Tcp.nioServer}; both with
 * Spring Integration's LF codec (our protocol's framing; the default would be CRLF) and
 * otherwise its defaults.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ThinnestIntegrationApp {

	private static int tcpPort;

	private static boolean nio;

	public static void main(String[] args) {
		tcpPort = Integer.parseInt(args[0]);
		nio = args[1].equals("nio");
		SpringApplication application = new SpringApplication(ThinnestIntegrationApp.class);
		// Not socketcore's application.yml, which is on the same classpath: only Spring's
		// defaults.
		application.setDefaultProperties(Map.of("spring.config.name", "thinnest-integration-app", "server.port",
				args[2], "logging.level.root", "WARN"));
		application.run();
	}

	@Bean
	IntegrationFlow helloFlow() {
		TcpServerConnectionFactorySpec<?, ?> server = nio ? Tcp.nioServer(tcpPort) : Tcp.netServer(tcpPort);
		server.deserializer(TcpCodecs.lf()).serializer(TcpCodecs.lf());
		return IntegrationFlow.from(Tcp.inboundGateway(server))
			.transform(byte[].class, ThinnestIntegrationApp::answer)
			.get();
	}

	/**
	 * The thinnest flow's whole service: {@code PONG} to {@code PING}, a greeting to the
	 * rest.
	 */
	public static String answer(byte[] line) {
		return switch (new String(line, StandardCharsets.UTF_8).strip().toUpperCase(Locale.ROOT)) {
			case "PING" -> "PONG";
			default -> "Hello, client!";
		};
	}

}
