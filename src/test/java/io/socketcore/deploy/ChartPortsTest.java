package io.socketcore.deploy;

import java.util.Map;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1ServicePort;
import org.junit.jupiter.api.Test;

import static io.socketcore.support.ChartParts.containerPort;
import static io.socketcore.support.ChartParts.path;
import static io.socketcore.support.ChartParts.resolve;
import static io.socketcore.support.ChartParts.servicePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ports: the container's, the Services' and the application's settings move together.
 */
class ChartPortsTest {

	private final ApplicationDefaults app = ApplicationDefaults.load();

	@Test
	void portsAreTheApplicationsOwn() {
		Manifests manifests = Chart.render();
		V1Container container = manifests.container();
		assertThat(app.managementPort()).as("the web server shares Actuator's port").isEqualTo(app.serverPort());

		assertThat(containerPort(container, "tcp").getContainerPort()).isEqualTo(app.tcpPort()).isEqualTo(12345);
		assertThat(containerPort(container, "http").getContainerPort()).isEqualTo(app.managementPort()).isEqualTo(8080);
		assertThat(container.getPorts()).hasSize(2).allSatisfy(port -> assertThat(port.getProtocol()).isEqualTo("TCP"));

		V1Service service = manifests.service();
		V1Service management = manifests.managementService();
		assertThat(service.getSpec().getPorts()).extracting(V1ServicePort::getName).containsExactly("tcp");
		assertThat(management.getSpec().getPorts()).extracting(V1ServicePort::getName).containsExactly("http");
		assertThat(resolve(container, servicePort(service, "tcp").getTargetPort())).isEqualTo(app.tcpPort());
		assertThat(resolve(container, servicePort(management, "http").getTargetPort())).isEqualTo(app.managementPort());
		assertThat(servicePort(service, "tcp").getPort()).isEqualTo(app.tcpPort());
		assertThat(servicePort(management, "http").getPort()).isEqualTo(app.managementPort());
		assertThat(management.getSpec().getSelector()).isEqualTo(service.getSpec().getSelector());
		assertThat(service.getSpec().getSelector())
			.isEqualTo(manifests.deployment().getSpec().getSelector().getMatchLabels());
		assertThat(manifests.deployment().getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(service.getSpec().getSelector());

		Map<String, Object> settings = manifests.applicationSettings();
		assertThat(path(settings, "socketcore", "tcp", "port")).isEqualTo(app.tcpPort());
		assertThat(path(settings, "management", "server", "port")).isEqualTo(app.managementPort());
	}

	@Test
	void changedPortsMoveEverythingTogether() {
		Manifests manifests = Chart.render(Map.of("ports.tcp", 2323, "ports.management", 9090));
		V1Container container = manifests.container();
		assertThat(path(manifests.applicationSettings(), "socketcore", "tcp", "port")).isEqualTo(2323);
		assertThat(path(manifests.applicationSettings(), "management", "server", "port")).isEqualTo(9090);
		assertThat(resolve(container, servicePort(manifests.service(), "tcp").getTargetPort())).isEqualTo(2323);
		assertThat(resolve(container, servicePort(manifests.managementService(), "http").getTargetPort()))
			.isEqualTo(9090);
		assertThat(resolve(container, container.getReadinessProbe().getHttpGet().getPort())).isEqualTo(9090);
		assertThat(servicePort(manifests.service(), "tcp").getPort()).as("the Service port is set apart")
			.isEqualTo(12345);
	}

	@Test
	void extraListenersGetTheirPortsEverywhere() {
		Manifests manifests = Chart.renderWithValues("""
				listeners:
				  legacy:
				    port: 2323
				  framed:
				    port: 2424
				    servicePort: 24
				config:
				  socketcore:
				    tcp:
				      listeners:
				        legacy:
				          framing: crlf
				""");
		V1Container container = manifests.container();
		assertThat(container.getPorts()).extracting(V1ContainerPort::getName)
			.containsExactly("tcp", "http", "framed", "legacy");
		assertThat(containerPort(container, "legacy").getContainerPort()).isEqualTo(2323);
		assertThat(resolve(container, servicePort(manifests.service(), "legacy").getTargetPort())).isEqualTo(2323);
		assertThat(servicePort(manifests.service(), "legacy").getPort()).isEqualTo(2323);
		assertThat(resolve(container, servicePort(manifests.service(), "framed").getTargetPort())).isEqualTo(2424);
		assertThat(servicePort(manifests.service(), "framed").getPort()).isEqualTo(24);
		Map<String, Object> settings = manifests.applicationSettings();
		assertThat(path(settings, "socketcore", "tcp", "listeners", "legacy", "port")).isEqualTo(2323);
		assertThat(path(settings, "socketcore", "tcp", "listeners", "legacy", "framing")).isEqualTo("crlf");
		assertThat(path(settings, "socketcore", "tcp", "listeners", "framed", "port")).isEqualTo(2424);
		assertThat(path(settings, "socketcore", "tcp", "port")).isEqualTo(app.tcpPort());
	}

	@Test
	void theServiceTypeAndTheServiceAccountAreTheValuesOwn() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		assertThat(manifests.service().getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(manifests.one(V1ServiceAccount.class).getMetadata().getAnnotations()).containsEntry("owner", "ops");

	}

}
