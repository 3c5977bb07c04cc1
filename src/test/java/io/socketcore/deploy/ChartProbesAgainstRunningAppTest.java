package io.socketcore.deploy;

import java.net.http.HttpResponse;
import java.util.List;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Probe;
import io.socketcore.support.RunningServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paths the chart's probes and ServiceMonitor use answer on the running application's
 * management port.
 */
class ChartProbesAgainstRunningAppTest extends RunningServerTest {

	@Test
	void probePathsAnswerUpOnTheManagementPort() {
		V1Container container = Chart.render().container();
		for (V1Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
				container.getReadinessProbe())) {
			String path = probe.getHttpGet().getPath();
			HttpResponse<String> response = management().get(path);
			assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
			assertThat(response.body()).as("GET %s", path).contains("\"status\":\"UP\"");
		}
		assertThat(management().get(container.getReadinessProbe().getHttpGet().getPath()).body())
			.as("readiness follows the TCP listener")
			.contains("\"tcp\"");
	}

	@Test
	void serviceMonitorPathServesPrometheusText() {
		Manifests manifests = Chart.render(java.util.Map.of("serviceMonitor.enabled", true));
		String path = (String) manifests.serviceMonitors().get(0).endpoints().get(0).get("path");
		HttpResponse<String> response = management().get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("executor_queued_tasks{");
	}

}
