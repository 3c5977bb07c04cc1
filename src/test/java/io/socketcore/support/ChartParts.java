package io.socketcore.support;

import java.util.Map;
import java.util.stream.Collectors;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;

/**
 * Finds the parts of rendered Kubernetes objects that the chart's tests check: a
 * container's environment and ports, a Service's ports, a pod's volumes, a value deep in
 * the application's settings. A part that is not there fails the test that asked for it.
 */
public final class ChartParts {

	private ChartParts() {
	}

	public static Map<String, String> env(V1Container container) {
		return container.getEnv()
			.stream()
			.collect(Collectors.toMap(V1EnvVar::getName, var -> String.valueOf(var.getValue())));
	}

	public static V1ContainerPort containerPort(V1Container container, String name) {
		return container.getPorts()
			.stream()
			.filter(port -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container port named " + name));
	}

	public static V1ServicePort servicePort(V1Service service, String name) {
		return service.getSpec()
			.getPorts()
			.stream()
			.filter(port -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Service port named " + name));
	}

	/**
	 * The container port number a named or numbered port refers to, as Kubernetes
	 * resolves it.
	 */
	public static int resolve(V1Container container, IntOrString port) {
		return port.isInteger() ? port.getIntValue() : containerPort(container, port.getStrValue()).getContainerPort();
	}

	public static V1Volume volume(V1PodSpec pod, String name) {
		return pod.getVolumes()
			.stream()
			.filter(volume -> name.equals(volume.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	/**
	 * The value at {@code keys} in nested maps (the application's settings as the chart
	 * renders them).
	 */
	@SuppressWarnings("unchecked")
	public static Object path(Map<String, Object> map, String... keys) {
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
