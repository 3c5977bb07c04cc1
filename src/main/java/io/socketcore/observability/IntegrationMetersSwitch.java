package io.socketcore.observability;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Integration's metrics captor unless
 * {@code socketcore.observability.integration-meters} is true. Without a captor its
 * channels, handlers and gateways take their unmetered path: a denying meter filter would
 * still start and stop a sample around every step of every request.
 */
final class IntegrationMetersSwitch implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	/** The bean Spring Integration registers when Micrometer is present. */
	static final String CAPTOR = "integrationMicrometerMetricsCaptor";

	private boolean integrationMeters;

	@Override
	public void setEnvironment(Environment environment) {
		this.integrationMeters = Binder.get(environment)
			.bind("socketcore.observability", ObservabilityProperties.class)
			.map(ObservabilityProperties::integrationMeters)
			.orElse(false);
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!this.integrationMeters && registry.containsBeanDefinition(CAPTOR)) {
			registry.removeBeanDefinition(CAPTOR);
		}
	}

}
