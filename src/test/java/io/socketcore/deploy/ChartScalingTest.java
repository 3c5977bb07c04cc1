package io.socketcore.deploy;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HorizontalPodAutoscaler and the PodDisruptionBudget select the Deployment they
 * scale and protect.
 */
class ChartScalingTest {

	@Test
	void theAutoscalerScalesTheDeploymentOnCpuAndTheSquareQueue() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		V1Deployment deployment = manifests.deployment();
		V2HorizontalPodAutoscaler hpa = manifests.one(V2HorizontalPodAutoscaler.class);
		assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
		assertThat(hpa.getSpec().getMetrics()).hasSize(2);
		assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
		assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
		assertThat(hpa.getSpec().getMetrics().get(1).getPods().getMetric().getName())
			.isEqualTo("socketcore_square_queue");
		assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
	}

	@Test
	void theDisruptionBudgetSelectsThePods() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		V1Deployment deployment = manifests.deployment();
		V1PodDisruptionBudget pdb = manifests.one(V1PodDisruptionBudget.class);
		assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString("50%"));
		assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
		assertThat(pdb.getSpec().getSelector().getMatchLabels())
			.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
	}

}
