package io.socketcore.deploy;

import io.kubernetes.client.custom.IntOrString;
import org.junit.jupiter.api.Test;

import static io.socketcore.support.ChartParts.servicePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional ServiceMonitor scrapes the management Service, never the public one, where
 * the application exposes Prometheus.
 */
class ChartServiceMonitorTest {

	private final ApplicationDefaults app = ApplicationDefaults.load();

	@Test
	void theServiceMonitorScrapesTheManagementServiceOnly() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		Manifests.ServiceMonitor monitor = manifests.serviceMonitors().get(0);
		assertThat(monitor.metadata().getLabels()).containsEntry("release", "prometheus");
		assertThat(monitor.selector().getMatchLabels())
			.containsAllEntriesOf(manifests.service().getSpec().getSelector())
			.containsEntry("app.kubernetes.io/component", "management");
		assertThat(manifests.managementService().getMetadata().getLabels())
			.as("the ServiceMonitor selects the management Service")
			.containsAllEntriesOf(monitor.selector().getMatchLabels());
		assertThat(manifests.service().getMetadata().getLabels()).as("and never the public one")
			.doesNotContainEntry("app.kubernetes.io/component", "management");
		assertThat(monitor.namespaces()).containsExactly(Chart.NAMESPACE);
		assertThat(monitor.endpoints()).singleElement().satisfies(endpoint -> {
			assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
			assertThat(servicePort(manifests.managementService(), "http").getTargetPort())
				.isEqualTo(new IntOrString("http"));
		});
		assertThat(app.exposedEndpoints()).as("the application exposes what the ServiceMonitor scrapes")
			.contains("prometheus");
	}

}
