package io.socketcore.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What is measured beyond socketcore's own meters.
 *
 * @param integrationMeters whether Spring Integration times every channel, handler and
 * gateway (the spring_integration_* meters). Off by default: they cost more per request
 * than all of socketcore's own meters, and socketcore.requests times every request.
 */
@ConfigurationProperties("socketcore.observability")
public record ObservabilityProperties(@DefaultValue("false") boolean integrationMeters) {
}
