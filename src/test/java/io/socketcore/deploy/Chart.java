package io.socketcore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The Helm chart in {@code helm/socketcore}, rendered by a real Helm engine (helm-java
 * bundles Helm's library) and parsed strictly into Kubernetes objects.
 */
final class Chart {

	static final Path DIR = Paths.get("helm", "socketcore");

	static final String RELEASE = "demo";

	static final String NAMESPACE = "socketcore";

	/** The Kubernetes version rendered for unless a test says otherwise. */
	static final String KUBE_VERSION = "1.33.0";

	/** The resources' full name for release {@link #RELEASE}. */
	static final String FULLNAME = RELEASE + "-socketcore";

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

	private Chart() {
	}

	static LintResult lint() {
		return new Helm(DIR).lint().strict().call();
	}

	/** Renders with {@code --set key=value} pairs. */
	static Manifests render(Map<String, ?> sets) {
		return render(DIR, sets, null, KUBE_VERSION);
	}

	static Manifests render() {
		return render(Map.of());
	}

	/** Renders with a values file made of the given YAML text. */
	static Manifests renderWithValues(String valuesYaml) {
		return render(DIR, Map.of(), valuesYaml, KUBE_VERSION);
	}

	static Manifests render(Path chartDir, Map<String, ?> sets, String valuesYaml, String kubeVersion) {
		return Manifests.parse(renderRaw(chartDir, sets, valuesYaml, kubeVersion));
	}

	static String renderRaw(Path chartDir, Map<String, ?> sets, String valuesYaml, String kubeVersion) {
		TemplateCommand template = new Helm(chartDir).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(kubeVersion);
		for (Map.Entry<String, ?> set : new LinkedHashMap<>(sets).entrySet()) {
			template = template.set(set.getKey(), set.getValue());
		}
		if (valuesYaml != null) {
			try {
				Path values = Files.createTempFile("socketcore-values", ".yaml");
				Files.writeString(values, valuesYaml, StandardCharsets.UTF_8);
				values.toFile().deleteOnExit();
				template = template.withValuesFile(values);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return template.call();
	}

	/**
	 * A copy of the chart in which the {@code helm test} pod is an ordinary manifest:
	 * Helm's template leaves hooks out of its output, so this is how the test pod gets
	 * rendered and checked.
	 */
	static Path copyWithTestHookAsManifest(Path target) throws IOException {
		try (Stream<Path> files = Files.walk(DIR)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path copy = target.resolve(DIR.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
		Path hook = target.resolve("templates/tests/test-connection.yaml");
		String text = Files.readString(hook);
		String stripped = text.replaceAll("(?m)^\\s+\"helm\\.sh/hook[^\\n]*\\n", "");
		if (stripped.equals(text)) {
			throw new IllegalStateException("the test pod has no helm.sh/hook annotation to strip");
		}
		Files.writeString(hook, stripped);
		return target;
	}

}
