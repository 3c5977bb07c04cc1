package io.socketcore.deploy;

import java.io.IOException;
import java.util.Map;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Volume;
import org.junit.jupiter.api.Test;

import static io.socketcore.support.ChartParts.env;
import static io.socketcore.support.ChartParts.path;
import static io.socketcore.support.ChartParts.resolve;
import static io.socketcore.support.ChartParts.volume;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deployment's pod: the image and its scheduling, its probes, its settings from the
 * ConfigMap, its shutdown and its security, checked against what the application really
 * uses.
 */
class ChartPodTest {

	private final ApplicationDefaults app = ApplicationDefaults.load();

	@Test
	void optionalPodSettingsReachThePod() {
		Manifests manifests = Chart.renderWithValues(Chart.EVERYTHING_ON);
		V1Deployment deployment = manifests.deployment();
		V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
		assertThat(manifests.container().getImage())
			.isEqualTo("team/socketcore@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
		assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("pull-secret");
		assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
		assertThat(pod.getTolerations()).hasSize(1);
		assertThat(pod.getAffinity().getPodAntiAffinity()).isNotNull();
		assertThat(pod.getTopologySpreadConstraints()).hasSize(1);
		assertThat(pod.getPriorityClassName()).isEqualTo("high");
		assertThat(volume(pod, "tls").getSecret().getSecretName()).isEqualTo("socketcore-tls");
		assertThat(manifests.container().getVolumeMounts()).extracting("name").containsExactly("config", "tmp", "tls");
		assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("team", "core");
		assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("tier", "backend");
		assertThat(env(manifests.container())).containsEntry("JDK_JAVA_OPTIONS", "-XX:ActiveProcessorCount=2")
			.containsEntry("SOCKETCORE_SQUARES_TIMEOUT", "10s");
		assertThat(manifests.container().getEnvFrom()).singleElement()
			.satisfies(from -> assertThat(from.getSecretRef().getName()).isEqualTo("extra-settings"));
	}

	@Test
	void probesUseTheManagementPortAndTheApplicationsHealthGroups() {
		V1Container container = Chart.render().container();
		assertThat(app.probesEnabled()).as("management.endpoint.health.probes.enabled in application.yml").isTrue();
		assertThat(app.exposedEndpoints()).contains("health");
		assertProbe(container, container.getStartupProbe(), "/actuator/health/liveness");
		assertProbe(container, container.getLivenessProbe(), "/actuator/health/liveness");
		assertProbe(container, container.getReadinessProbe(), "/actuator/health/readiness");
		assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
			.as("longest start-up allowed, seconds")
			.isGreaterThanOrEqualTo(60);
	}

	private void assertProbe(V1Container container, V1Probe probe, String path) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(resolve(container, probe.getHttpGet().getPort())).isEqualTo(app.managementPort());
		assertThat(probe.getTimeoutSeconds()).isPositive();
	}

	@Test
	void settingsComeFromTheConfigMapAndAChangeRollsThePods() {
		Manifests defaults = Chart.render();
		V1Container container = defaults.container();
		assertThat(env(container)).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION",
				"file:/etc/socketcore/application.yml");
		V1PodSpec pod = defaults.deployment().getSpec().getTemplate().getSpec();
		V1Volume config = volume(pod, "config");
		assertThat(config.getConfigMap().getName()).isEqualTo(Chart.FULLNAME);
		assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
			assertThat(mount.getName()).isEqualTo("config");
			assertThat(mount.getMountPath()).isEqualTo("/etc/socketcore");
			assertThat(mount.getReadOnly()).isTrue();
		});

		String checksum = checksum(defaults);
		assertThat(checksum).matches("[0-9a-f]{64}");
		assertThat(checksum(Chart.render())).as("same settings, same checksum").isEqualTo(checksum);
		assertThat(checksum(Chart.render(Map.of("config.socketcore.squares.max-digits", 500))))
			.as("other settings roll the pods")
			.isNotEqualTo(checksum);
		assertThat(checksum(Chart.render(Map.of("replicaCount", 5)))).as("replicas are not settings")
			.isEqualTo(checksum);
	}

	@Test
	void jsonLogsAreOnByDefault() {
		assertThat(path(Chart.render().applicationSettings(), "logging", "structured", "format", "console"))
			.isEqualTo("ecs");
		assertThat(Chart.render(Map.of("logFormat", "")).applicationSettings()).doesNotContainKey("logging");
	}

	@Test
	void gracePeriodCoversThePreStopPauseAndTheApplicationsShutdown() {
		Manifests manifests = Chart.render();
		V1PodSpec pod = manifests.deployment().getSpec().getTemplate().getSpec();
		long preStop = manifests.container().getLifecycle().getPreStop().getSleep().getSeconds();
		Object timeout = path(manifests.applicationSettings(), "spring", "lifecycle", "timeout-per-shutdown-phase");
		assertThat(preStop).isEqualTo(10);
		assertThat(timeout).isEqualTo(app.shutdownTimeout().toSeconds() + "s").isEqualTo("30s");
		assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(preStop + 30 + 10);

		Manifests longer = Chart
			.render(Map.of("gracefulShutdown.timeoutSeconds", 120, "gracefulShutdown.preStopSleepSeconds", 5));
		assertThat(path(longer.applicationSettings(), "spring", "lifecycle", "timeout-per-shutdown-phase"))
			.isEqualTo("120s");
		assertThat(longer.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isEqualTo(5 + 120 + 10);
		assertThat(Chart.render(Map.of("terminationGracePeriodSeconds", 90))
			.deployment()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getTerminationGracePeriodSeconds()).isEqualTo(90);
		assertThat(Chart.render(Map.of("gracefulShutdown.preStopSleepSeconds", 0)).container().getLifecycle())
			.as("no pause, no preStop hook")
			.isNull();
	}

	@Test
	void olderKubernetesGetsAnExecPreStop() {
		Manifests manifests = Chart.render(Chart.DIR, Map.of(), null, "1.29.0");
		assertThat(manifests.container().getLifecycle().getPreStop().getSleep()).isNull();
		assertThat(manifests.container().getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep",
				"10");
	}

	@Test
	void securityHardeningIsComplete() throws IOException {
		Manifests manifests = Chart.render();
		V1PodSpec pod = manifests.deployment().getSpec().getTemplate().getSpec();
		int imageUid = Dockerfile.read().uid();

		V1PodSecurityContext podContext = pod.getSecurityContext();
		assertThat(podContext.getRunAsNonRoot()).isTrue();
		assertThat(podContext.getRunAsUser()).isEqualTo(imageUid);
		assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

		V1SecurityContext context = manifests.container().getSecurityContext();
		assertThat(context.getRunAsNonRoot()).isTrue();
		assertThat(context.getRunAsUser()).isEqualTo(imageUid);
		assertThat(context.getReadOnlyRootFilesystem()).isTrue();
		assertThat(context.getAllowPrivilegeEscalation()).isFalse();
		assertThat(context.getPrivileged()).isFalse();
		assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
		assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

		assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
		assertThat(manifests.container().getVolumeMounts()).anySatisfy(mount -> {
			assertThat(mount.getName()).isEqualTo("tmp");
			assertThat(mount.getMountPath()).isEqualTo("/tmp");
		});
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getServiceAccountName()).isEqualTo(Chart.FULLNAME);
		assertThat(manifests.container().getResources().getRequests()).containsKeys("cpu", "memory");
		assertThat(manifests.container().getResources().getLimits()).containsKey("memory");
	}

	@Test
	void envEntriesOverrideTheConfigMap() {
		V1Container container = Chart
			.render(Map.of("env[0].name", "SOCKETCORE_TCP_MAX_CONNECTIONS", "env[0].value", "500"))
			.container();
		assertThat(container.getEnv()).extracting(V1EnvVar::getName)
			.containsExactly("SPRING_CONFIG_ADDITIONAL_LOCATION", "SOCKETCORE_TCP_MAX_CONNECTIONS");
		assertThat(env(container)).containsEntry("SOCKETCORE_TCP_MAX_CONNECTIONS", "500");
	}

	private static String checksum(Manifests manifests) {
		return manifests.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
	}

}
