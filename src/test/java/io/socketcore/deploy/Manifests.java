package io.socketcore.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.Yaml;

/**
 * Every document of a rendered chart, parsed strictly: Kubernetes kinds with the official
 * Java client's model (whose YAML loader refuses unknown fields and wrongly typed
 * values), the Prometheus Operator's ServiceMonitor (a custom resource the client has no
 * model for) against the fields this chart may use.
 */
record Manifests(String text, List<Object> objects, List<ServiceMonitor> serviceMonitors,
		List<Map<String, Object>> prometheusRules) {

	private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

	static Manifests parse(String text) {
		List<Object> objects = new ArrayList<>();
		List<ServiceMonitor> serviceMonitors = new ArrayList<>();
		List<Map<String, Object>> prometheusRules = new ArrayList<>();
		for (String document : DOCUMENT_SEPARATOR.split(text)) {
			if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
				continue;
			}
			Map<String, Object> generic = new org.yaml.snakeyaml.Yaml().load(document);
			if ("PrometheusRule".equals(generic.get("kind"))) {
				prometheusRules.add(generic);
			}
			else if (String.valueOf(generic.get("apiVersion")).startsWith("monitoring.coreos.com/")) {
				serviceMonitors.add(ServiceMonitor.parse(generic));
			}
			else {
				objects.add(parseStrictly(document));
			}
		}
		return new Manifests(text, objects, serviceMonitors, prometheusRules);
	}

	/** One document as the Kubernetes model; unknown fields and bad types throw. */
	static Object parseStrictly(String document) {
		try {
			Object object = Yaml.load(document);
			if (!(object instanceof KubernetesObject)) {
				throw new IllegalArgumentException("not a Kubernetes object: " + object);
			}
			return object;
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("document does not parse strictly as a Kubernetes object:\n" + document,
					ex);
		}
	}

	Set<String> kinds() {
		Set<String> kinds = this.objects.stream()
			.map(object -> ((KubernetesObject) object).getKind())
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		this.serviceMonitors.forEach(monitor -> kinds.add("ServiceMonitor"));
		this.prometheusRules.forEach(rule -> kinds.add("PrometheusRule"));
		return kinds;
	}

	<T> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T> T one(Class<T> type) {
		List<T> found = all(type);
		if (found.size() != 1) {
			throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
		}
		return found.get(0);
	}

	boolean has(Class<?> type) {
		return !all(type).isEmpty();
	}

	V1Deployment deployment() {
		return one(V1Deployment.class);
	}

	V1Container container() {
		List<V1Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
		if (containers.size() != 1) {
			throw new AssertionError("expected one container, found " + containers.size());
		}
		return containers.get(0);
	}

	/** The public Service: the TCP protocol. */
	V1Service service() {
		return service(Chart.FULLNAME);
	}

	/** The management Service: Actuator, inside the cluster only. */
	V1Service managementService() {
		return service(Chart.FULLNAME + "-management");
	}

	V1Service service(String name) {
		List<V1Service> named = all(V1Service.class).stream()
			.filter(service -> service.getMetadata().getName().equals(name))
			.toList();
		if (named.size() != 1) {
			throw new AssertionError("expected one Service " + name + ", found " + named.size());
		}
		return named.get(0);
	}

	/** The application.yml of the ConfigMap. */
	String applicationYaml() {
		return one(V1ConfigMap.class).getData().get("application.yml");
	}

	/** The application.yml of the ConfigMap as nested maps. */
	Map<String, Object> applicationSettings() {
		return new org.yaml.snakeyaml.Yaml().load(applicationYaml());
	}

	/**
	 * The Prometheus Operator ServiceMonitor. The client has no model for it, so its
	 * shape is checked here: only known fields, and metadata and selector through the
	 * client's strict model.
	 */
	record ServiceMonitor(V1ObjectMeta metadata, V1LabelSelector selector, List<String> namespaces,
			List<Map<String, Object>> endpoints) {

		private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");

		private static final Set<String> SPEC = Set.of("selector", "namespaceSelector", "endpoints", "jobLabel");

		private static final Set<String> ENDPOINT = Set.of("port", "path", "interval", "scrapeTimeout", "scheme",
				"honorLabels", "relabelings", "metricRelabelings");

		@SuppressWarnings("unchecked")
		static ServiceMonitor parse(Map<String, Object> document) {
			if (!"monitoring.coreos.com/v1".equals(document.get("apiVersion"))
					|| !"ServiceMonitor".equals(document.get("kind"))) {
				throw new IllegalArgumentException(
						"unexpected custom resource " + document.get("apiVersion") + " " + document.get("kind"));
			}
			onlyKnown("ServiceMonitor", document, TOP);
			Map<String, Object> spec = (Map<String, Object>) document.get("spec");
			onlyKnown("ServiceMonitor.spec", spec, SPEC);
			List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
			if (endpoints == null || endpoints.isEmpty()) {
				throw new IllegalArgumentException("ServiceMonitor has no endpoints");
			}
			endpoints.forEach(endpoint -> onlyKnown("ServiceMonitor.spec.endpoints[]", endpoint, ENDPOINT));
			Map<String, Object> namespaceSelector = (Map<String, Object>) spec.getOrDefault("namespaceSelector",
					Map.of());
			onlyKnown("ServiceMonitor.spec.namespaceSelector", namespaceSelector, Set.of("matchNames", "any"));
			return new ServiceMonitor(Yaml.loadAs(Yaml.dump(document.get("metadata")), V1ObjectMeta.class),
					Yaml.loadAs(Yaml.dump(spec.get("selector")), V1LabelSelector.class),
					(List<String>) namespaceSelector.getOrDefault("matchNames", List.of()), endpoints);
		}

		private static void onlyKnown(String where, Map<String, Object> map, Set<String> known) {
			for (String key : map.keySet()) {
				if (!known.contains(key)) {
					throw new IllegalArgumentException("unknown field '" + key + "' in " + where);
				}
			}
		}

	}

}
