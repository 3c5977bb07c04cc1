package io.socketcore.tcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections on platform threads are limited to what the process's memory holds beside
 * the heap; virtual threads, whose stacks live in the heap, are not.
 */
class PlatformThreadMemoryTest {

	private static final long MIB = 1024 * 1024;

	private static final long GIB = 1024 * MIB;

	@Test
	void thePodsGibibyteBesideAHeapOf768MibHoldsAFewHundredPlatformThreads() {
		assertThat(PlatformThreadMemory.connectionsThatFit(GIB, 768 * MIB)).isEqualTo(512);
	}

	@Test
	void aMachinesMemoryHoldsTensOfThousands() {
		assertThat(PlatformThreadMemory.connectionsThatFit(24 * GIB, 6 * GIB)).isEqualTo(145_920);
	}

	@Test
	void aHeapThatTakesEverythingStillLeavesTheFewestConnections() {
		assertThat(PlatformThreadMemory.connectionsThatFit(GIB, GIB)).isEqualTo(PlatformThreadMemory.MIN_CONNECTIONS);
	}

	@Test
	void onPlatformThreadsEveryListenersLimitIsScaledDownInProportion() {
		ListenerSpecs specs = TcpConfiguration.listenerSpecs(tcp(10_000, ordered("tls", 2_000, "stx", 500)), false, GIB,
				768 * MIB);
		assertThat(specs.virtualThreads()).isFalse();
		assertThat(specs.all()).extracting(ListenerSpec::name).containsExactly("default", "tls", "stx");
		assertThat(specs.all()).extracting(ListenerSpec::maxConnections).containsExactly(409, 81, 20);
		assertThat(PlatformThreadMemory.total(specs.all())).isLessThanOrEqualTo(512);
		assertThat(specs.threads()).isEqualTo(510 + 3 + ListenerSpecs.EXTRA_THREADS);
	}

	@Test
	void onPlatformThreadsLimitsThatFitAreKept() {
		ListenerSpecs specs = TcpConfiguration.listenerSpecs(tcp(400, ordered("tls", 100)), false, GIB, 768 * MIB);
		assertThat(specs.all()).extracting(ListenerSpec::maxConnections).containsExactly(400, 100);
	}

	@Test
	void onVirtualThreadsTheConfiguredLimitsStand() {
		ListenerSpecs specs = TcpConfiguration.listenerSpecs(tcp(10_000, ordered("tls", 2_000)), true, GIB, 768 * MIB);
		assertThat(specs.virtualThreads()).isTrue();
		assertThat(specs.all()).extracting(ListenerSpec::maxConnections).containsExactly(10_000, 2_000);
		assertThat(specs.threads()).isEqualTo(12_000 + 2 + ListenerSpecs.EXTRA_THREADS);
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
				listeners);
	}

}
