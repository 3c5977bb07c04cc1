package io.socketcore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.socketcore.support.ChartParts.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional NetworkPolicy and the helm test pod it lets through.
 */
class ChartNetworkPolicyTest {

	private final ApplicationDefaults app = ApplicationDefaults.load();

	@Test
	void theNetworkPolicyLetsTheConfiguredPeersReachEachPort() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		V1Deployment deployment = manifests.deployment();
		V1NetworkPolicy policy = manifests.one(V1NetworkPolicy.class);
		assertThat(policy.getSpec().getPodSelector().getMatchLabels())
			.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
		List<V1NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0).getPorts()).extracting(port -> port.getPort())
			.containsExactly(new IntOrString("tcp"), new IntOrString("legacy"));
		assertThat(rules.get(0).getFrom()).hasSize(2);
		assertThat(rules.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels()).containsEntry("team",
				"clients");
		assertThat(rules.get(0).getFrom().get(1).getPodSelector().getMatchLabels())
			.as("the helm test pod may reach the TCP port")
			.containsEntry("app.kubernetes.io/name", "socketcore-test");
		assertThat(rules.get(1).getPorts()).singleElement()
			.satisfies(port -> assertThat(port.getPort()).isEqualTo(new IntOrString("http")));
		assertThat(rules.get(1).getFrom()).singleElement()
			.satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("team",
					"monitoring"));
	}

	@Test
	void helmTestPodSendsHelloToTheServiceAndExpectsTheConfiguredGreeting(@TempDir Path dir) throws IOException {
		String hook = Files.readString(Chart.DIR.resolve("templates/tests/test-connection.yaml"));
		assertThat(hook).contains("\"helm.sh/hook\": test");

		Path chart = Chart.copyWithTestHookAsManifest(dir.resolve("chart"));
		V1Pod pod = Chart.render(chart, Map.of(), null, Chart.KUBE_VERSION).one(V1Pod.class);
		V1Container container = pod.getSpec().getContainers().get(0);
		assertThat(pod.getMetadata().getName()).isEqualTo(Chart.FULLNAME + "-test-connection");
		assertThat(env(container)).containsEntry("HOST", Chart.FULLNAME)
			.containsEntry("PORT", String.valueOf(app.tcpPort()))
			.containsEntry("EXPECTED", "Hello, client!");
		assertThat(String.join("\n", container.getCommand())).contains("HELLO").contains("nc");
		assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

		V1Pod custom = Chart.render(chart, Map.of(), Chart.EVERYTHING_ON, Chart.KUBE_VERSION).one(V1Pod.class);
		assertThat(env(custom.getSpec().getContainers().get(0))).containsEntry("EXPECTED", "Hi, friend.");
		V1NetworkPolicy policy = Chart.render(chart, Map.of(), Chart.EVERYTHING_ON, Chart.KUBE_VERSION)
			.one(V1NetworkPolicy.class);
		assertThat(custom.getMetadata().getLabels()).containsAllEntriesOf(
				policy.getSpec().getIngress().get(0).getFrom().get(1).getPodSelector().getMatchLabels());
	}

}
