package io.socketcore.tcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections are limited to what the process's memory holds beside the heap: the
 * kernel's socket buffers, which a client that does not read fills, and on platform
 * threads the thread.
 */
class ConnectionMemoryTest {

	private static final long KIB = 1024;

	private static final long MIB = 1024 * KIB;

	private static final long GIB = 1024 * MIB;

	/**
	 * The management server at application.yml's limits: 32 connections, 16 waiting, 16
	 * threads.
	 */
	private static final long MANAGEMENT = ConnectionMemory.managementServer(32, 16, 16);

	@Test
	void aConnectionHoldsTwiceEachSocketBufferAndOnPlatformThreadsAThread() {
		assertThat(ConnectionMemory.perConnection(true, 64 * KIB, 64 * KIB)).isEqualTo(260 * KIB);
		assertThat(ConnectionMemory.perConnection(false, 64 * KIB, 64 * KIB)).isEqualTo(388 * KIB);
		assertThat(ConnectionMemory.perConnection(true, 256 * KIB, 64 * KIB)).isEqualTo(644 * KIB);
	}

	@Test
	void theManagementServerHoldsItsConnectionsBuffersItsBacklogAndItsThreads() {
		assertThat(ConnectionMemory.managementServer(32, 16, 16))
			.isEqualTo(32 * 260 * KIB + 16 * 132 * KIB + 16 * 128 * KIB);
		assertThat(ConnectionMemory.managementServer(-1, 0, 16)).isEqualTo(16 * 128 * KIB);
	}

	@Test
	void aServerPortSetApartFromTheManagementPortIsASecondServerUnderTheSameLimits() {
		MockEnvironment shared = limits().withProperty("management.server.port", "8080")
			.withProperty("server.port", "8080");
		MockEnvironment apart = limits().withProperty("management.server.port", "8080")
			.withProperty("server.port", "8081");
		MockEnvironment managementPortOnly = limits().withProperty("management.server.port", "8080");
		assertThat(TcpConfiguration.managementServerMemory(shared)).isEqualTo(MANAGEMENT);
		assertThat(TcpConfiguration.managementServerMemory(apart)).isEqualTo(2 * MANAGEMENT);
		// server.port's default, 8080, is the management port: one server.
		assertThat(TcpConfiguration.managementServerMemory(managementPortOnly)).isEqualTo(MANAGEMENT);
	}

	private static MockEnvironment limits() {
		return new MockEnvironment().withProperty("server.tomcat.max-connections", "32")
			.withProperty("server.tomcat.accept-count", "16")
			.withProperty("server.tomcat.threads.max", "16");
	}

	@Test
	void thePodsGibibyteBesideAHeapOf768MibHoldsAFewHundredConnections() {
		assertThat(ConnectionMemory.connectionsThatFit(GIB, 768 * MIB, 0, 260 * KIB)).isEqualTo(252);
		assertThat(ConnectionMemory.connectionsThatFit(GIB, 768 * MIB, 0, 388 * KIB)).isEqualTo(168);
		assertThat(ConnectionMemory.connectionsThatFit(GIB, 768 * MIB, MANAGEMENT, 260 * KIB)).isEqualTo(204);
		assertThat(ConnectionMemory.connectionsThatFit(GIB, 768 * MIB, MANAGEMENT, 388 * KIB)).isEqualTo(136);
	}

	@Test
	void aMachinesMemoryHoldsTensOfThousands() {
		assertThat(ConnectionMemory.connectionsThatFit(24 * GIB, 6 * GIB, 0, 388 * KIB)).isEqualTo(48_138);
	}

	@Test
	void aHeapThatTakesEverythingStillLeavesTheFewestConnections() {
		assertThat(ConnectionMemory.connectionsThatFit(GIB, GIB, MANAGEMENT, 260 * KIB))
			.isEqualTo(ConnectionMemory.MIN_CONNECTIONS);
	}

	@Test
	void onPlatformThreadsEveryListenersLimitIsScaledDownInProportion() {
		ListenerSpecs specs = TcpConfiguration.listenerSpecs(tcp(10_000, ordered("tls", 2_000, "stx", 500)), false, GIB,
				768 * MIB, MANAGEMENT);
		assertThat(specs.virtualThreads()).isFalse();
		assertThat(specs.all()).extracting(ListenerSpec::name).containsExactly("default", "tls", "stx");
		assertThat(specs.all()).extracting(ListenerSpec::maxConnections).containsExactly(108, 21, 5);
		assertThat(ConnectionMemory.total(specs.all())).isLessThanOrEqualTo(136);
		assertThat(specs.threads()).isEqualTo(134 + 3 + ListenerSpecs.EXTRA_THREADS);
	}

	@Test
	void onVirtualThreadsTheSocketBuffersAloneScaleTheLimitsDown() {
		ListenerSpecs specs = TcpConfiguration.listenerSpecs(tcp(10_000, ordered("tls", 2_000)), true, GIB, 768 * MIB,
				MANAGEMENT);
		assertThat(specs.virtualThreads()).isTrue();
		assertThat(specs.all()).extracting(ListenerSpec::maxConnections).containsExactly(170, 34);
		assertThat(specs.threads()).isEqualTo(204 + 2 + ListenerSpecs.EXTRA_THREADS);
	}

	@Test
	void limitsThatFitAreKept() {
		ListenerSpecs specs = TcpConfiguration.listenerSpecs(tcp(400, ordered("tls", 100)), false, 2 * GIB, 768 * MIB,
				MANAGEMENT);
		assertThat(specs.all()).extracting(ListenerSpec::maxConnections).containsExactly(400, 100);
		ListenerSpecs machine = TcpConfiguration.listenerSpecs(tcp(10_000, ordered("tls", 2_000)), true, 24 * GIB,
				6 * GIB, MANAGEMENT);
		assertThat(machine.all()).extracting(ListenerSpec::maxConnections).containsExactly(10_000, 2_000);
		assertThat(machine.threads()).isEqualTo(12_000 + 2 + ListenerSpecs.EXTRA_THREADS);
	}

	private static Map<String, Integer> ordered(Object... namesAndLimits) {
		Map<String, Integer> limits = new LinkedHashMap<>();
		for (int i = 0; i < namesAndLimits.length; i += 2) {
			limits.put((String) namesAndLimits[i], (Integer) namesAndLimits[i + 1]);
		}
		return limits;
	}

	private static TcpProperties tcp(int maxConnections, Map<String, Integer> extra) {
		Map<String, TcpProperties.Listener> listeners = new LinkedHashMap<>();
		int port = 7000;
		for (Map.Entry<String, Integer> listener : extra.entrySet()) {
			listeners.put(listener.getKey(), new TcpProperties.Listener(port++, null, TcpProperties.Framing.LF, null,
					null, listener.getValue(), null, TcpProperties.ClientAuth.NONE));
		}
		return new TcpProperties(12345, "0.0.0.0", DataSize.ofKilobytes(64), maxConnections, Duration.ofMinutes(5),
				Duration.ofSeconds(30), Duration.ofMillis(100), 1024, TcpProperties.ConnectionThreads.PLATFORM,
				DataSize.ofKilobytes(64), DataSize.ofKilobytes(64), 0, listeners);
	}

}
