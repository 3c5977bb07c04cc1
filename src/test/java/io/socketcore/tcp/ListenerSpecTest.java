package io.socketcore.tcp;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An extra listener takes what it does not set from {@code socketcore.tcp.*}; only the
 * default listener recognises the original server's unterminated messages.
 */
class ListenerSpecTest {

	private static final TcpProperties.Listener BARE = new TcpProperties.Listener(7000, null,
			TcpProperties.Framing.STX_ETX, null, null, null, null, TcpProperties.ClientAuth.NONE);

	private static TcpProperties tcp(Map<String, TcpProperties.Listener> listeners) {
		return new TcpProperties(12345, "10.0.0.1", DataSize.ofKilobytes(64), 500, Duration.ofMinutes(2),
				Duration.ofSeconds(30), Duration.ofMillis(100), 128, TcpProperties.ConnectionThreads.AUTO,
				DataSize.ofKilobytes(64), DataSize.ofKilobytes(64), 3, listeners);
	}

	@Test
	void theDefaultListenerIsTheTopLevelSettingsInLines() {
		ListenerSpec spec = ListenerSpec.defaultListener(tcp(Map.of()));
		assertThat(spec.name()).isEqualTo(TcpListeners.DEFAULT_LISTENER);
		assertThat(spec.port()).isEqualTo(12345);
		assertThat(spec.framing()).isEqualTo(TcpProperties.Framing.LF);
		assertThat(spec.maxFrameBytes()).isEqualTo(64 * 1024);
		assertThat(spec.unterminatedTimeout()).isEqualTo(Duration.ofMillis(100));
		assertThat(spec.maxConnectionsPerAddress()).isEqualTo(3);
		assertThat(spec.tls()).isFalse();
	}

	@Test
	void anExtraListenerInheritsWhatItLeavesOut() {
		ListenerSpec spec = ListenerSpec.extraListener("stx", BARE, tcp(Map.of("stx", BARE)));
		assertThat(spec.name()).isEqualTo("stx");
		assertThat(spec.port()).isEqualTo(7000);
		assertThat(spec.host()).isEqualTo("10.0.0.1");
		assertThat(spec.framing()).isEqualTo(TcpProperties.Framing.STX_ETX);
		assertThat(spec.maxFrameBytes()).isEqualTo(64 * 1024);
		assertThat(spec.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(spec.maxConnections()).isEqualTo(500);
		assertThat(spec.backlog()).isEqualTo(128);
		assertThat(spec.maxConnectionsPerAddress()).isEqualTo(3);
		assertThat(spec.unterminatedTimeout()).as("unterminated messages only on the default port").isZero();
		assertThat(spec.tls()).isFalse();
	}

	@Test
	void anExtraListenerOverridesWhatItSets() {
		TcpProperties.Listener own = new TcpProperties.Listener(7001, "127.0.0.1", TcpProperties.Framing.CRLF,
				DataSize.ofBytes(100), Duration.ofSeconds(5), 3, "server", TcpProperties.ClientAuth.NEED);
		ListenerSpec spec = ListenerSpec.extraListener("tls", own, tcp(Map.of("tls", own)));
		assertThat(spec.host()).isEqualTo("127.0.0.1");
		assertThat(spec.maxFrameBytes()).isEqualTo(100);
		assertThat(spec.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(spec.maxConnections()).isEqualTo(3);
		assertThat(spec.tls()).isTrue();
		assertThat(spec.clientAuth()).isEqualTo(TcpProperties.ClientAuth.NEED);
	}

	@Test
	void aBlankSslBundleIsPlainTcp() {
		TcpProperties.Listener blank = new TcpProperties.Listener(7002, null, TcpProperties.Framing.LF, null, null,
				null, " ", TcpProperties.ClientAuth.NONE);
		assertThat(ListenerSpec.extraListener("plain", blank, tcp(Map.of())).tls()).isFalse();
	}

}
