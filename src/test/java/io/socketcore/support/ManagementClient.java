package io.socketcore.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Actuator over real HTTP, as an operator or a Kubernetes probe would.
 */
public final class ManagementClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * One for every test: each client keeps its connections open between requests, and
	 * the management server holds only server.tomcat.max-connections of them.
	 */
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	public ManagementClient(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public JsonNode json(String path) {
		return JSON.readTree(get(path).body());
	}

	/**
	 * The value of a meter's measurement (COUNT, VALUE...) from
	 * {@code /actuator/metrics}; 0 for tags whose values have not been seen yet. A name
	 * the service does not publish, or a tag it does not have, is an error, never 0: a
	 * misspelt meter must fail the test that reads it.
	 */
	public double metric(String name, String statistic, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
		}
		HttpResponse<String> response = get(path.toString());
		if (response.statusCode() == 404) {
			requireKnown(name, tags);
			return 0;
		}
		for (JsonNode measurement : JSON.readTree(response.body()).get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new IllegalStateException("no " + statistic + " in " + response.body());
	}

	/** Meters registered at their first use, by tag: absent until then. */
	private static final Set<String> REGISTERED_WHEN_FIRST_USED = Set.of("socketcore.requests");

	private void requireKnown(String name, String... tags) {
		HttpResponse<String> meter = get("/actuator/metrics/" + name);
		if (meter.statusCode() == 404) {
			if (REGISTERED_WHEN_FIRST_USED.contains(name)) {
				return;
			}
			throw new IllegalStateException("the service publishes no meter named '" + name + "'");
		}
		Set<String> tagKeys = new HashSet<>();
		for (JsonNode tag : JSON.readTree(meter.body()).get("availableTags")) {
			tagKeys.add(tag.get("tag").asString());
		}
		for (String tag : tags) {
			String key = tag.substring(0, tag.indexOf(':'));
			if (!tagKeys.contains(key)) {
				throw new IllegalStateException("meter '" + name + "' has no tag '" + key + "', only " + tagKeys);
			}
		}
	}

}
