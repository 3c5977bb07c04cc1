package io.socketcore.deploy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.socketcore.support.LineClient;
import io.socketcore.support.PackagedServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On platform threads the packaged jar takes no more connections than its memory holds
 * beside its heap: each holds a thread and socket buffers outside the heap, and a
 * container's limit counts both. Here the heap may take all of the machine's memory but
 * 128 MiB, less than the rest of the JVM needs, so the fewest connections are taken (64
 * across the four listeners), and the next client is told so.
 */
class PlatformThreadLimitIT {

	@Test
	void aHeapThatLeavesNoRoomBesideItTakesTheFewestConnections() throws Exception {
		long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getTotalMemorySize();
		try (PackagedServer server = PackagedServer.current(List.of("-Xmx" + ((machine >> 20) - 128) + "m"),
				"socketcore.tcp.connection-threads=platform")) {
			assertThat(server.management().json("/actuator/info").at("/socketcore/connectionThreads").asString())
				.isEqualTo("platform");
			int limit = server.listenerSetting("default", "maxConnections");
			assertThat(limit).as("the default listener's share of 64 among four listeners of 10000 each").isEqualTo(16);
			List<LineClient> held = new ArrayList<>();
			try {
				for (int i = 0; i < limit; i++) {
					LineClient client = new LineClient(server.port("default"));
					held.add(client);
					assertThat(client.ask("PING")).isEqualTo("PONG");
				}
				try (LineClient refused = new LineClient(server.port("default"))) {
					assertThat(refused.readLine()).isEqualTo("ERR BUSY too many connections");
				}
			}
			finally {
				for (LineClient client : held) {
					client.close();
				}
			}
		}
	}

}
