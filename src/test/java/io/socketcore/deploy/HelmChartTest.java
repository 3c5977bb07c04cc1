package io.socketcore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.marcnuri.helm.LintResult;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart, linted and rendered by a real Helm engine, every document parsed strictly, checked against
 * what the application really uses.
 */
class HelmChartTest {

	/** Every optional feature on, and every free-form value used. */
	static final String EVERYTHING_ON = """
			replicaCount: 3
			image:
			  repository: team/socketcore
			  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
			imagePullSecrets:
			  - name: pull-secret
			serviceAccount:
			  annotations:
			    owner: ops
			service:
			  type: LoadBalancer
			  annotations:
			    lb: internal
			listeners:
			  legacy:
			    port: 2323
			    servicePort: 23
			config:
			  socketcore:
			    tcp:
			      listeners:
			        legacy:
			          framing: crlf
			    greeting:
			      template: "Hi, {name}."
			      default-name: friend
			    squares:
			      executor:
			        core-size: 3
			javaOptions: -XX:ActiveProcessorCount=2
			env:
			  - name: SOCKETCORE_SQUARES_TIMEOUT
			    value: 10s
			envFrom:
			  - secretRef:
			      name: extra-settings
			extraVolumes:
			  - name: tls
			    secret:
			      secretName: socketcore-tls
			extraVolumeMounts:
			  - name: tls
			    mountPath: /etc/socketcore-tls
			    readOnly: true
			podAnnotations:
			  team: core
			podLabels:
			  tier: backend
			nodeSelector:
			  kubernetes.io/os: linux
			tolerations:
			  - key: dedicated
			    operator: Equal
			    value: socketcore
			    effect: NoSchedule
			affinity:
			  podAntiAffinity:
			    preferredDuringSchedulingIgnoredDuringExecution:
			      - weight: 100
			        podAffinityTerm:
			          topologyKey: kubernetes.io/hostname
			          labelSelector:
			            matchLabels:
			              app.kubernetes.io/name: socketcore
			topologySpreadConstraints:
			  - maxSkew: 1
			    topologyKey: topology.kubernetes.io/zone
			    whenUnsatisfiable: ScheduleAnyway
			    labelSelector:
			      matchLabels:
			        app.kubernetes.io/name: socketcore
			priorityClassName: high
			autoscaling:
			  enabled: true
			  minReplicas: 3
			  maxReplicas: 12
			  extraMetrics:
			    - type: Pods
			      pods:
			        metric:
			          name: socketcore_square_queue
			        target:
			          type: AverageValue
			          averageValue: "100"
			  behavior:
			    scaleDown:
			      stabilizationWindowSeconds: 300
			podDisruptionBudget:
			  minAvailable: 50%
			serviceMonitor:
			  enabled: true
			  labels:
			    release: prometheus
			networkPolicy:
			  enabled: true
			  tcpFrom:
			    - namespaceSelector:
			        matchLabels:
			          team: clients
			  managementFrom:
			    - namespaceSelector:
			        matchLabels:
			          team: monitoring
			""";

	private final ApplicationDefaults app = ApplicationDefaults.load();

	@Test
	void helmEngineIsTheBundledOne() {
		assertThat(com.marcnuri.helm.Helm.version().call()).startsWith("v3.");
	}

	@Test
	void lintsCleanInStrictMode() {
		LintResult result = Chart.lint();
		assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
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
		Manifests manifests = Chart.renderWithValues(EVERYTHING_ON);
		assertThat(manifests.kinds()).containsExactly("ConfigMap", "Deployment", "HorizontalPodAutoscaler",
				"NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount", "ServiceMonitor");

		V1Deployment deployment = manifests.deployment();
		V1PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
		assertThat(manifests.container().getImage()).isEqualTo(
				"team/socketcore@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
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

		V1PodDisruptionBudget pdb = manifests.one(V1PodDisruptionBudget.class);
		assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString("50%"));
		assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
		assertThat(pdb.getSpec().getSelector().getMatchLabels())
			.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());

		Manifests.ServiceMonitor monitor = manifests.serviceMonitors().get(0);
		assertThat(monitor.metadata().getLabels()).containsEntry("release", "prometheus");
		assertThat(monitor.selector().getMatchLabels()).containsAllEntriesOf(manifests.service().getSpec().getSelector())
			.containsEntry("app.kubernetes.io/component", "management");
		assertThat(manifests.managementService().getMetadata().getLabels())
			.as("the ServiceMonitor selects the management Service")
			.containsAllEntriesOf(monitor.selector().getMatchLabels());
		assertThat(manifests.service().getMetadata().getLabels())
			.as("and never the public one")
			.doesNotContainEntry("app.kubernetes.io/component", "management");
		assertThat(monitor.namespaces()).containsExactly(Chart.NAMESPACE);
		assertThat(monitor.endpoints()).singleElement().satisfies(endpoint -> {
			assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
			assertThat(servicePort(manifests.managementService(), "http").getTargetPort())
				.isEqualTo(new IntOrString("http"));
		});
		assertThat(app.exposedEndpoints()).as("the application exposes what the ServiceMonitor scrapes")
			.contains("prometheus");

		V1NetworkPolicy policy = manifests.one(V1NetworkPolicy.class);
		assertThat(policy.getSpec().getPodSelector().getMatchLabels())
			.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
		List<V1NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
		assertThat(rules).hasSize(2);
		assertThat(rules.get(0).getPorts()).extracting(port -> port.getPort())
			.containsExactly(new IntOrString("tcp"), new IntOrString("legacy"));
		assertThat(rules.get(0).getFrom()).hasSize(2);
		assertThat(rules.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels()).containsEntry("team", "clients");
		assertThat(rules.get(0).getFrom().get(1).getPodSelector().getMatchLabels())
			.as("the helm test pod may reach the TCP port")
			.containsEntry("app.kubernetes.io/name", "socketcore-test");
		assertThat(rules.get(1).getPorts()).singleElement()
			.satisfies(port -> assertThat(port.getPort()).isEqualTo(new IntOrString("http")));
		assertThat(rules.get(1).getFrom()).singleElement()
			.satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("team", "monitoring"));

		assertThat(manifests.service().getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(manifests.one(V1ServiceAccount.class).getMetadata().getAnnotations()).containsEntry("owner", "ops");
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
	void portsAreTheApplicationsOwn() {
		Manifests manifests = Chart.render();
		V1Container container = manifests.container();
		assertThat(app.managementPort()).as("the web server shares Actuator's port").isEqualTo(app.serverPort());

		assertThat(containerPort(container, "tcp").getContainerPort()).isEqualTo(app.tcpPort()).isEqualTo(12345);
		assertThat(containerPort(container, "http").getContainerPort()).isEqualTo(app.managementPort())
			.isEqualTo(8080);
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
	void probesUseTheManagementPortAndTheApplicationsHealthGroups() {
		V1Container container = Chart.render().container();
		assertThat(app.probesEnabled()).as("management.endpoint.health.probes.enabled in application.yml").isTrue();
		assertThat(app.exposedEndpoints()).contains("health");
		assertProbe(container, container.getStartupProbe(), "/actuator/health/liveness");
		assertProbe(container, container.getLivenessProbe(), "/actuator/health/liveness");
		assertProbe(container, container.getReadinessProbe(), "/actuator/health/readiness");
		assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
			.as("longest start-up allowed, seconds").isGreaterThanOrEqualTo(60);
	}

	private void assertProbe(V1Container container, V1Probe probe, String path) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(resolve(container, probe.getHttpGet().getPort())).isEqualTo(app.managementPort());
		assertThat(probe.getTimeoutSeconds()).isPositive();
	}

	@Test
	void changedPortsMoveEverythingTogether() {
		Manifests manifests = Chart.render(Map.of("ports.tcp", 2323, "ports.management", 9090));
		V1Container container = manifests.container();
		assertThat(path(manifests.applicationSettings(), "socketcore", "tcp", "port")).isEqualTo(2323);
		assertThat(path(manifests.applicationSettings(), "management", "server", "port")).isEqualTo(9090);
		assertThat(resolve(container, servicePort(manifests.service(), "tcp").getTargetPort())).isEqualTo(2323);
		assertThat(resolve(container, servicePort(manifests.managementService(), "http").getTargetPort())).isEqualTo(9090);
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
			.as("other settings roll the pods").isNotEqualTo(checksum);
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

		Manifests longer = Chart.render(Map.of("gracefulShutdown.timeoutSeconds", 120,
				"gracefulShutdown.preStopSleepSeconds", 5));
		assertThat(path(longer.applicationSettings(), "spring", "lifecycle", "timeout-per-shutdown-phase"))
			.isEqualTo("120s");
		assertThat(longer.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isEqualTo(5 + 120 + 10);
		assertThat(Chart.render(Map.of("terminationGracePeriodSeconds", 90))
			.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(90);
		assertThat(Chart.render(Map.of("gracefulShutdown.preStopSleepSeconds", 0)).container().getLifecycle())
			.as("no pause, no preStop hook").isNull();
	}

	@Test
	void olderKubernetesGetsAnExecPreStop() {
		Manifests manifests = Chart.render(Chart.DIR, Map.of(), null, "1.29.0");
		assertThat(manifests.container().getLifecycle().getPreStop().getSleep()).isNull();
		assertThat(manifests.container().getLifecycle().getPreStop().getExec().getCommand())
			.containsExactly("sleep", "10");
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
		V1Container container = Chart.render(Map.of("env[0].name", "SOCKETCORE_TCP_MAX_CONNECTIONS",
				"env[0].value", "500")).container();
		assertThat(container.getEnv()).extracting(V1EnvVar::getName)
			.containsExactly("SPRING_CONFIG_ADDITIONAL_LOCATION", "SOCKETCORE_TCP_MAX_CONNECTIONS");
		assertThat(env(container)).containsEntry("SOCKETCORE_TCP_MAX_CONNECTIONS", "500");
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

		V1Pod custom = Chart.render(chart, Map.of(), EVERYTHING_ON, Chart.KUBE_VERSION).one(V1Pod.class);
		assertThat(env(custom.getSpec().getContainers().get(0))).containsEntry("EXPECTED", "Hi, friend.");
		V1NetworkPolicy policy = Chart.render(chart, Map.of(), EVERYTHING_ON, Chart.KUBE_VERSION)
			.one(V1NetworkPolicy.class);
		assertThat(custom.getMetadata().getLabels())
			.containsAllEntriesOf(policy.getSpec().getIngress().get(0).getFrom().get(1).getPodSelector().getMatchLabels());
	}

	@Test
	void everyResourceCarriesTheStandardLabels() {
		Manifests manifests = Chart.renderWithValues(EVERYTHING_ON);
		Set<String> unlabelled = new TreeSet<>();
		for (Object object : manifests.objects()) {
			var meta = ((io.kubernetes.client.common.KubernetesObject) object).getMetadata();
			Map<String, String> labels = meta.getLabels();
			if (labels == null || !labels.keySet()
				.containsAll(List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
						"app.kubernetes.io/managed-by", "helm.sh/chart"))) {
				unlabelled.add(meta.getName());
			}
		}
		assertThat(unlabelled).isEmpty();
	}

	// ---------------------------------------------------------------------------------------------------

	static Map<String, String> env(V1Container container) {
		return container.getEnv()
			.stream()
			.collect(Collectors.toMap(V1EnvVar::getName, var -> String.valueOf(var.getValue())));
	}

	static V1ContainerPort containerPort(V1Container container, String name) {
		return container.getPorts()
			.stream()
			.filter(port -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name));
	}

	static V1ServicePort servicePort(V1Service service, String name) {
		return service.getSpec()
			.getPorts()
			.stream()
			.filter(port -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Service port named " + name));
	}

	/** The container port number a named or numbered port refers to, as Kubernetes resolves it. */
	static int resolve(V1Container container, IntOrString port) {
		return port.isInteger() ? port.getIntValue() : containerPort(container, port.getStrValue()).getContainerPort();
	}

	static V1Volume volume(V1PodSpec pod, String name) {
		return pod.getVolumes()
			.stream()
			.filter(volume -> name.equals(volume.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	static String checksum(Manifests manifests) {
		return manifests.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
	}

	@SuppressWarnings("unchecked")
	static Object path(Map<String, Object> map, String... keys) {
		Object current = map;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> nested) || !nested.containsKey(key)) {
				throw new AssertionError("no " + String.join(".", keys) + " in " + map);
			}
			current = ((Map<String, Object>) nested).get(key);
		}
		return current;
	}

}
