package io.socketcore.deploy;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile agrees with the application and the chart. (CI builds and runs the image
 * for real: ci/container-test.sh.)
 */
class DockerfileTest {

	@Test
	void exposesTheApplicationsPorts() throws IOException {
		ApplicationDefaults app = ApplicationDefaults.load();
		assertThat(Dockerfile.read().exposedPorts()).containsExactlyInAnyOrder(app.tcpPort(), app.managementPort());
	}

	@Test
	void runsAsTheNonRootUserTheChartDeclares() throws IOException {
		int uid = Dockerfile.read().uid();
		assertThat(uid).isPositive();
		var pod = Chart.render().deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(uid);
		assertThat(pod.getContainers().get(0).getSecurityContext().getRunAsUser()).isEqualTo(uid);
	}

	@Test
	void startsJavaInExecFormWithContainerFlagsAndTheStartupArchive() throws IOException {
		Dockerfile dockerfile = Dockerfile.read();
		assertThat(dockerfile.entrypoint()).startsWith("[\"java\"")
			.contains("-XX:MaxRAMPercentage=")
			.contains("\"-XX:ThreadPriorityPolicy=1\"")
			.contains("@/application/jvm.args")
			.endsWith("\"-jar\", \"/application/application.jar\"]");
		assertThat(dockerfile.baseImage()).as("a pinned public JRE image, without a registry host")
			.matches("[a-z0-9-]+:\\d+[\\w.-]*")
			.doesNotContain("latest");
		String text = Files.readString(Dockerfile.PATH);
		assertThat(text).contains("extract --layers")
			.contains("spring.context.exit=onRefresh")
			.contains("AOTCacheOutput");
	}

}
