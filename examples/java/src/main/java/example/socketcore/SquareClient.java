package example.socketcore;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.ip.dsl.Tcp;

/**
 * A socketcore client on Spring Integration, the mirror of its {@code tcp-client-server}
 * sample: a {@link MessagingGateway} in front of a TCP outbound gateway with Spring
 * Integration's default codec (CR LF lines; socketcore answers a CR LF request in CR LF).
 * <p>
 * {@code java ... example.socketcore.SquareClient [--socketcore.host=localhost] [--socketcore.port=12345]
 * ["SQUARE 1 2 3" ...]} sends each request and prints its reply.
 */
@SpringBootApplication
@IntegrationComponentScan
public class SquareClient {

	/** socketcore, as a Java interface: one request, one reply. */
	@MessagingGateway(defaultRequestChannel = "socketcore.input")
	public interface Socketcore {

		String ask(String request);

	}

	@Bean
	IntegrationFlow socketcore(@Value("${socketcore.host:localhost}") String host,
			@Value("${socketcore.port:12345}") int port) {
		return flow -> flow.handle(Tcp.outboundGateway(Tcp.netClient(host, port)).remoteTimeout(10_000))
			.transform(Transformers.objectToString());
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SquareClient.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.name=squareclient", "spring.main.banner-mode=off", "logging.level.root=WARN")
			.run(args)) {
			Socketcore socketcore = context.getBean(Socketcore.class);
			List<String> requests = java.util.Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
			for (String request : requests.isEmpty() ? List.of("SQUARE 1 2 3 4 5") : requests) {
				System.out.println(socketcore.ask(request));
			}
		}
	}

}
