package io.socketcore.deploy;

import java.util.List;
import java.util.Map;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;

import static io.socketcore.support.ChartParts.containerPort;
import static io.socketcore.support.ChartParts.path;
import static io.socketcore.support.ChartParts.resolve;
import static io.socketcore.support.ChartParts.servicePort;
import static io.socketcore.support.ChartParts.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart in real clusters, rendered by a real Helm engine: usable as a subchart,
 * Actuator never on the public Service, the load balancer's settings, rollouts, a TLS
 * Secret wired to a listener, probes overridable, labels merged.
 */
class ChartServicesAndRolloutTest {

	@Test
	void helmsGlobalValuesAreAccepted() {
		Manifests manifests = Chart.renderWithValues("""
				global:
				  imageRegistry: registry.example
				  anything: [1, 2]
				""");
		assertThat(manifests.container().getImage()).isEqualTo("socketcore:0.1.0");
		assertThatThrownBy(() -> Chart.renderWithValues("unknownKey: 1")).hasMessageContaining("unknownKey");
	}

	@Test
	void actuatorIsOnAClusterIpServiceOfItsOwnWhateverThePublicServiceIs() {
		Manifests manifests = Chart.renderWithValues("""
				service:
				  type: LoadBalancer
				  managementAnnotations:
				    scrape: "true"
				""");
		V1Service public_ = manifests.service();
		V1Service management = manifests.managementService();
		assertThat(public_.getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(public_.getSpec().getPorts()).extracting("name").containsExactly("tcp");
		assertThat(management.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(management.getSpec().getPorts()).extracting("name").containsExactly("http");
		assertThat(management.getMetadata().getAnnotations()).containsEntry("scrape", "true");
		assertThat(resolve(manifests.container(), servicePort(management, "http").getTargetPort())).isEqualTo(8080);
	}

	@Test
	void theLoadBalancersSettingsReachThePublicService() {
		V1Service service = Chart.renderWithValues("""
				service:
				  type: LoadBalancer
				  externalTrafficPolicy: Local
				  loadBalancerSourceRanges: [10.0.0.0/8, "192.168.0.0/16"]
				  loadBalancerClass: service.k8s.aws/nlb
				  sessionAffinity: ClientIP
				  nodePorts:
				    tcp: 30345
				    legacy: 30023
				listeners:
				  legacy:
				    port: 2323
				""").service();
		assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		assertThat(service.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8", "192.168.0.0/16");
		assertThat(service.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
		assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
		assertThat(servicePort(service, "tcp").getNodePort()).isEqualTo(30345);
		assertThat(servicePort(service, "legacy").getNodePort()).isEqualTo(30023);
		Manifests defaults = Chart.render();
		V1Service plain = defaults.service();
		assertThat(plain.getSpec().getExternalTrafficPolicy()).isNull();
		assertThat(plain.getSpec().getLoadBalancerSourceRanges()).isNullOrEmpty();
		assertThat(plain.getSpec().getSessionAffinity()).isNull();
		assertThat(defaults.text()).doesNotContain("loadBalancerSourceRanges", "nodePort:");
		assertThatThrownBy(() -> Chart.render(Map.of("service.externalTrafficPolicy", "Sometimes")))
			.hasMessageContaining("externalTrafficPolicy");
	}

	@Test
	void rolloutsKeepCapacityAndHistoryIsBounded() {
		V1Deployment defaults = Chart.render().deployment();
		assertThat(defaults.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
		assertThat(defaults.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
		assertThat(defaults.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
			.isEqualTo(new IntOrString(0));
		assertThat(defaults.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));
		V1Deployment recreate = Chart.renderWithValues("""
				updateStrategy:
				  type: Recreate
				revisionHistoryLimit: 2
				""").deployment();
		assertThat(recreate.getSpec().getStrategy().getType()).isEqualTo("Recreate");
		assertThat(recreate.getSpec().getStrategy().getRollingUpdate()).isNull();
		assertThat(recreate.getSpec().getRevisionHistoryLimit()).isEqualTo(2);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anExistingTlsSecretIsMountedAndServedByATlsListener() {
		Manifests manifests = Chart.renderWithValues("""
				tls:
				  existingSecret: socketcore-cert
				  port: 12443
				  servicePort: 443
				  clientAuth: need
				""");
		V1Container container = manifests.container();
		assertThat(volume(manifests.deployment().getSpec().getTemplate().getSpec(), "tls").getSecret().getSecretName())
			.isEqualTo("socketcore-cert");
		assertThat(container.getVolumeMounts()).filteredOn(mount -> mount.getName().equals("tls"))
			.singleElement()
			.satisfies(mount -> {
				assertThat(mount.getMountPath()).isEqualTo("/etc/socketcore-tls");
				assertThat(mount.getReadOnly()).isTrue();
			});
		assertThat(containerPort(container, "tls").getContainerPort()).isEqualTo(12443);
		assertThat(servicePort(manifests.service(), "tls").getPort()).isEqualTo(443);
		Map<String, Object> settings = manifests.applicationSettings();
		assertThat(path(settings, "socketcore", "tcp", "listeners", "tls", "port")).isEqualTo(12443);
		assertThat(path(settings, "socketcore", "tcp", "listeners", "tls", "ssl-bundle")).isEqualTo("socketcore-tls");
		assertThat(path(settings, "socketcore", "tcp", "listeners", "tls", "client-auth")).isEqualTo("need");
		assertThat(path(settings, "spring", "ssl", "bundle", "pem", "socketcore-tls", "reload-on-update"))
			.isEqualTo(true);
		assertThat(path(settings, "spring", "ssl", "bundle", "pem", "socketcore-tls", "keystore", "certificate"))
			.isEqualTo("file:/etc/socketcore-tls/tls.crt");
		assertThat(path(settings, "spring", "ssl", "bundle", "pem", "socketcore-tls", "truststore", "certificate"))
			.isEqualTo("file:/etc/socketcore-tls/ca.crt");
		assertThat((Map<String, Object>) path(Chart.renderWithValues("tls: {existingSecret: c}").applicationSettings(),
				"spring", "ssl", "bundle", "pem", "socketcore-tls"))
			.as("no trust store without client certificates")
			.doesNotContainKey("truststore");
		assertThat(Chart.render().container().getPorts()).extracting("name").doesNotContain("tls");
		assertThatThrownBy(() -> Chart.renderWithValues("""
				tls: {existingSecret: c}
				listeners: {tls: {port: 2000}}
				""")).hasMessageContaining("also under listeners");
	}

	@Test
	void probesTakeAnyFieldOfAKubernetesProbe() {
		Manifests manifests = Chart.renderWithValues("""
				probes:
				  startup:
				    initialDelaySeconds: 5
				  liveness:
				    successThreshold: 1
				    terminationGracePeriodSeconds: 20
				    periodSeconds: 30
				  readiness:
				    httpGet:
				      path: /actuator/health/readiness
				      port: http
				      httpHeaders: [{name: X-Probe, value: kubelet}]
				""");
		V1Container container = manifests.container();
		assertThat(container.getStartupProbe().getInitialDelaySeconds()).isEqualTo(5);
		assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		V1Probe liveness = container.getLivenessProbe();
		assertThat(liveness.getTerminationGracePeriodSeconds()).isEqualTo(20L);
		assertThat(liveness.getPeriodSeconds()).isEqualTo(30);
		assertThat(liveness.getFailureThreshold()).as("the chart's own, kept").isEqualTo(3);
		assertThat(container.getReadinessProbe().getHttpGet().getHttpHeaders()).singleElement()
			.satisfies(header -> assertThat(header.getName()).isEqualTo("X-Probe"));
	}

	@Test
	void podLabelsThatRepeatChartLabelsReplaceThemOnceAndNeverTheSelector() {
		Manifests manifests = Chart.renderWithValues("""
				podLabels:
				  app.kubernetes.io/part-of: shop
				  app.kubernetes.io/name: not-socketcore
				  tier: backend
				""");
		String podTemplate = manifests.text().substring(manifests.text().indexOf("template:"));
		assertThat(countOf(podTemplate, "app.kubernetes.io/part-of:")).as("rendered once").isEqualTo(1);
		Map<String, String> labels = manifests.deployment().getSpec().getTemplate().getMetadata().getLabels();
		assertThat(labels).containsEntry("app.kubernetes.io/part-of", "shop")
			.containsEntry("tier", "backend")
			.containsAllEntriesOf(manifests.deployment().getSpec().getSelector().getMatchLabels());
		assertThat(labels.get("app.kubernetes.io/name")).as("a selector label keeps the chart's value")
			.isEqualTo("socketcore");
	}

	private static int countOf(String text, String part) {
		return List.of(text.split(java.util.regex.Pattern.quote(part), -1)).size() - 1;
	}

}
