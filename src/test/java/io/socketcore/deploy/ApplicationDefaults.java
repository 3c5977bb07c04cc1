package io.socketcore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import io.socketcore.tcp.TcpProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * What the application itself uses by default: its
 * {@code src/main/resources/application.yml}, bound the way the application binds it (the
 * {@code @ConfigurationProperties} records and Boot's keys), never a copy of its values.
 */
final class ApplicationDefaults {

	static final String APPLICATION_YML = "src/main/resources/application.yml";

	private final Binder binder;

	private ApplicationDefaults(Binder binder) {
		this.binder = binder;
	}

	static ApplicationDefaults load() {
		try {
			List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("application.yml",
					new FileSystemResource(APPLICATION_YML));
			MutablePropertySources sources = new MutablePropertySources();
			loaded.forEach(sources::addLast);
			return new ApplicationDefaults(new Binder(ConfigurationPropertySources.from(sources),
					new PropertySourcesPlaceholdersResolver(sources)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	TcpProperties tcp() {
		return this.binder.bindOrCreate("socketcore.tcp", TcpProperties.class);
	}

	/** The TCP protocol port, as {@link TcpProperties} binds it. */
	int tcpPort() {
		return tcp().port();
	}

	/** Actuator's port. */
	int managementPort() {
		return this.binder.bind("management.server.port", Integer.class)
			.orElseThrow(() -> new IllegalStateException("management.server.port is not set in " + APPLICATION_YML));
	}

	/**
	 * The application's web server port ({@code server.port}): the app serves nothing
	 * else over HTTP.
	 */
	int serverPort() {
		return this.binder.bind("server.port", Integer.class).orElse(8080);
	}

	Duration shutdownTimeout() {
		return this.binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(Duration.ofSeconds(30));
	}

	boolean probesEnabled() {
		return this.binder.bind("management.endpoint.health.probes.enabled", Boolean.class).orElse(false);
	}

	List<String> exposedEndpoints() {
		return this.binder.bind("management.endpoints.web.exposure.include", String[].class)
			.map(List::of)
			.orElse(List.of());
	}

}
