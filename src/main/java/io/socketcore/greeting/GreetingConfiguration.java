package io.socketcore.greeting;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GreetingProperties.class)
class GreetingConfiguration {

	@Bean
	GreetingService greetingService(GreetingProperties properties) {
		return new GreetingService(properties.template(), properties.defaultName());
	}

}
