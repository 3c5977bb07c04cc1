package io.socketcore.deploy;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Values that would make a broken or unsafe release are refused by the chart (its
 * values.schema.json, or the templates where a rule spans several values), with a message
 * naming the value.
 */
class ChartSchemaTest {

	static Stream<Arguments> badValues() {
		return Stream.of(
				arguments("a misspelt top-level key", Map.of("replicas", 3),
						"additional properties 'replicas' not allowed"),
				arguments("a misspelt nested key", Map.of("service.managmentPort", 9000),
						"additional properties 'managmentPort' not allowed"),
				arguments("a port out of range", Map.of("ports.tcp", 70000), "/ports/tcp"),
				arguments("port 0", Map.of("ports.management", 0), "/ports/management"),
				arguments("negative replicas", Map.of("replicaCount", -1), "/replicaCount"),
				arguments("a number as text", Map.of("probes.readiness.periodSeconds", "often"),
						"/probes/readiness/periodSeconds"),
				arguments("an unknown pull policy", Map.of("image.pullPolicy", "Sometimes"), "/image/pullPolicy"),
				arguments("an unknown log format", Map.of("logFormat", "xml"), "/logFormat"),
				arguments("an unknown Service type", Map.of("service.type", "External"), "/service/type"),
				arguments("a bad digest", Map.of("image.digest", "latest"), "/image/digest"),
				arguments("a bad size", Map.of("tmpSizeLimit", "lots"), "/tmpSizeLimit"),
				arguments("a bad scrape interval", Map.of("serviceMonitor.interval", "often"),
						"/serviceMonitor/interval"),
				arguments("a bad PDB value", Map.of("podDisruptionBudget.minAvailable", "half"),
						"/podDisruptionBudget/minAvailable"),
				arguments("running as root", Map.of("podSecurityContext.runAsUser", 0),
						"/podSecurityContext/runAsUser"),
				arguments("runAsNonRoot off", Map.of("securityContext.runAsNonRoot", false),
						"/securityContext/runAsNonRoot"),
				arguments("a writable root filesystem", Map.of("securityContext.readOnlyRootFilesystem", false),
						"/securityContext/readOnlyRootFilesystem"),
				arguments("privilege escalation", Map.of("securityContext.allowPrivilegeEscalation", true),
						"/securityContext/allowPrivilegeEscalation"),
				arguments("the TCP port in config", Map.of("config.socketcore.tcp.port", 2323),
						"set ports.tcp instead"),
				arguments("the management port in config", Map.of("config.management.server.port", 9090),
						"set ports.management instead"),
				arguments("the shutdown timeout in config",
						Map.of("config.spring.lifecycle.timeout-per-shutdown-phase", "5s"),
						"set gracefulShutdown.timeoutSeconds instead"),
				arguments("a listener named like a chart port", Map.of("listeners.http.port", 2323),
						"invalid propertyName 'http'"),
				arguments("a listener name that is no port name", Map.of("listeners.Legacy_Port.port", 2323),
						"invalid propertyName 'Legacy_Port'"),
				arguments("a listener without a port", Map.of("listeners.legacy.servicePort", 23),
						"missing property 'port'"),
				arguments("a listener's port in config",
						Map.of("listeners.legacy.port", 2323, "config.socketcore.tcp.listeners.legacy.port", 2424),
						"set listeners.legacy.port instead"),
				arguments("a volume mounted over /tmp",
						Map.of("extraVolumeMounts[0].name", "x", "extraVolumeMounts[0].mountPath", "/tmp"),
						"/extraVolumeMounts/0/mountPath"),
				arguments("a grace period shorter than pause + shutdown", Map.of("terminationGracePeriodSeconds", 20),
						"terminationGracePeriodSeconds 20 is shorter than"),
				arguments("max replicas below min",
						Map.of("autoscaling.enabled", true, "autoscaling.minReplicas", 5, "autoscaling.maxReplicas", 2),
						"autoscaling.maxReplicas (2) must not be below"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badValues")
	void refuses(String what, Map<String, Object> values, String message) {
		assertThatThrownBy(() -> Chart.render(values)).hasMessageContaining(message);
	}

}
