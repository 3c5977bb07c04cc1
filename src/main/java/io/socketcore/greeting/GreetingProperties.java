package io.socketcore.greeting;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What HELLO answers.
 *
 * @param template the greeting; {name} is replaced by the client's name
 * @param defaultName the name used when the client gives none
 */
@Validated
@ConfigurationProperties("socketcore.greeting")
public record GreetingProperties(
		@DefaultValue("Hello, {name}!") @NotBlank @Pattern(regexp = "(?s).*\\{name}.*",
				message = "must contain the placeholder {name}") String template,
		@DefaultValue("client") @NotBlank String defaultName) {
}
