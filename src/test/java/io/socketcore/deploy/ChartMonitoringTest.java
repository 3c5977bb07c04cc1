package io.socketcore.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's Grafana dashboard and PrometheusRule alerts, both optional, rendered by a
 * real Helm engine; every metric their queries name is one the running application
 * exposes on {@code /actuator/prometheus}, so neither can silently watch nothing.
 */
class ChartMonitoringTest extends RunningServerTest {

	/**
	 * A Prometheus metric name, where a query names one: before a selector, a range or
	 * the end of a term.
	 */
	private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(?=\\{|\\[)");

	private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "rate", "by", "histogram_quantile",
			"ignoring", "group_left", "and", "label_values");

	@Test
	void theDashboardAndTheAlertsAreOptionalAndWatchMetricsTheApplicationExposes() throws Exception {
		Manifests off = Chart.render();
		assertThat(off.kinds()).doesNotContain("PrometheusRule");
		assertThat(off.all(V1ConfigMap.class)).hasSize(1);

		Manifests on = Chart.renderWithValues("""
				prometheusRule:
				  enabled: true
				  labels: {release: prometheus}
				grafanaDashboard:
				  enabled: true
				""");
		Map<String, Object> rule = on.prometheusRules().get(0);
		@SuppressWarnings("unchecked")
		Map<String, Object> metadata = (Map<String, Object>) rule.get("metadata");
		assertThat((Map<String, Object>) metadata.get("labels")).containsEntry("release", "prometheus");
		List<String> expressions = new ArrayList<>();
		List<String> alerts = new ArrayList<>();
		for (Map<String, Object> group : groups(rule)) {
			for (Map<String, Object> alert : rules(group)) {
				alerts.add((String) alert.get("alert"));
				String expression = (String) alert.get("expr");
				assertThat(expression).as(alert.get("alert") + " is scoped to the release's namespace")
					.contains("namespace=\"" + Chart.NAMESPACE + "\"")
					.doesNotContain("SELECTOR");
				expressions.add(expression);
			}
		}
		assertThat(alerts).containsExactlyInAnyOrder("SocketcoreListenerDown", "SocketcoreSquarePoolSaturated",
				"SocketcoreBusyRate", "SocketcoreErrorRatio");

		V1ConfigMap dashboardMap = on.all(V1ConfigMap.class)
			.stream()
			.filter(map -> map.getMetadata().getName().endsWith("-dashboard"))
			.findFirst()
			.orElseThrow();
		assertThat(dashboardMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		JsonNode dashboard = JsonMapper.builder().build().readTree(dashboardMap.getData().get("socketcore.json"));
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			titles.add(panel.get("title").asString());
			panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
		}
		assertThat(titles).contains("Open connections, by listener", "p99 latency, by command", "Error ratio, by code",
				"Square pool saturation", "Square queue", "Rejections", "Memory budget");

		Set<String> named = new TreeSet<>();
		for (String expression : expressions) {
			Matcher metric = METRIC.matcher(expression);
			while (metric.find()) {
				if (!PROMQL_WORDS.contains(metric.group(1))) {
					named.add(metric.group(1));
				}
			}
		}
		assertThat(named).contains("socketcore_requests_seconds_bucket", "socketcore_listeners_accepting",
				"socketcore_memory_used_bytes", "executor_active_threads");

		try (LineClient client = connect()) {
			// the request meters exist once requests were answered
			assertThat(client.ask("PING")).isEqualTo("PONG");
			assertThat(client.ask("SQUARE x")).startsWith("ERR BAD_NUMBER");
		}
		String exposed = management().get("/actuator/prometheus").body();
		assertThat(named).allSatisfy(metric -> assertThat(exposed).as("/actuator/prometheus exposes %s", metric)
			.containsPattern("(?m)^" + Pattern.quote(metric) + "[{ ]"));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> groups(Map<String, Object> rule) {
		return (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules(Map<String, Object> group) {
		return (List<Map<String, Object>>) group.get("rules");
	}

}
