package io.socketcore.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.marcnuri.helm.LintResult;
import io.kubernetes.client.openapi.models.V1Service;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart as a whole, linted and rendered by a real Helm engine, every document parsed
 * strictly: which resources it renders, with which labels.
 */
class HelmChartTest {

	@Test
	void helmEngineIsTheBundledOne() {
		assertThat(com.marcnuri.helm.Helm.version().call()).startsWith("v3.");
	}

	@Test
	void lintsCleanInStrictMode() {
		LintResult result = Chart.lint();
		assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages())
			.noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
	}

	@Test
	void defaultRenderHasTheCoreResourcesOnly() {
		Manifests manifests = Chart.render();
		assertThat(manifests.kinds()).containsExactly("ConfigMap", "Deployment", "PodDisruptionBudget", "Service",
				"ServiceAccount");
		assertThat(manifests.deployment().getSpec().getReplicas()).isEqualTo(2);
		assertThat(manifests.container().getImage()).isEqualTo("socketcore:0.1.0");
	}

	@Test
	void everyOptionalFeatureRendersAndParsesStrictly() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		assertThat(manifests.kinds()).containsExactly("ConfigMap", "Deployment", "HorizontalPodAutoscaler",
				"NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount", "ServiceMonitor");
	}

	@Test
	void strictParsingRejectsUnknownFieldsAndBadTypes() {
		String service = """
				apiVersion: v1
				kind: Service
				metadata:
				  name: s
				spec:
				  ports:
				    - name: tcp
				      port: 12345
				""";
		assertThat(Manifests.parseStrictly(service)).isInstanceOf(V1Service.class);
		assertThatThrownBy(() -> Manifests.parseStrictly(service + "      tagetPort: tcp\n"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasStackTraceContaining("tagetPort");
		assertThatThrownBy(() -> Manifests.parseStrictly(service.replace("port: 12345", "port: twelve")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Manifests.parse(Chart.renderWithValues("serviceMonitor: {enabled: true}")
			.text()
			.replace("path: /actuator/prometheus", "path: /actuator/prometheus\n      bogusField: x")))
			.hasMessageContaining("bogusField");
	}

	@Test
	void everyResourceCarriesTheStandardLabels() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		Set<String> unlabelled = new TreeSet<>();
		for (Object object : manifests.objects()) {
			var meta = ((io.kubernetes.client.common.KubernetesObject) object).getMetadata();
			Map<String, String> labels = meta.getLabels();
			if (labels == null || !labels.keySet()
				.containsAll(List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
						"app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart"))) {
				unlabelled.add(meta.getName());
			}
		}
		assertThat(unlabelled).isEmpty();
	}

}
