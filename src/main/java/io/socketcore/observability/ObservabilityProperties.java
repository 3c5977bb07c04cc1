package io.socketcore.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What is measured beyond socketcore's own meters.
 *
 * @param integrationMeters whether Spring Integration times every channel, handler and gateway
 * ({@code spring.integration.*}): off by default, since they cost more per request than everything socketcore
 * itself records, and {@code socketcore.requests} answers what operators ask of the request path
 */
@ConfigurationProperties("socketcore.observability")
public record ObservabilityProperties(@DefaultValue("false") boolean integrationMeters) {
}
