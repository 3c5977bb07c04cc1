package io.socketcore.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Actuator over real HTTP, as an operator or a Kubernetes probe would.
 */
public final class ManagementClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	public ManagementClient(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
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

	/** The value of a meter's first measurement (COUNT, VALUE...) from {@code /actuator/metrics}. */
	public double metric(String name, String statistic, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
		}
		HttpResponse<String> response = get(path.toString());
		if (response.statusCode() == 404) {
			return 0;
		}
		for (JsonNode measurement : JSON.readTree(response.body()).get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new IllegalStateException("no " + statistic + " in " + response.body());
	}

}
