package io.socketcore.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code socketcore.tcp.connection-threads} against Boot's
 * {@code spring.threads.virtual.enabled}: {@code auto} follows Boot's flag where it is
 * set, the explicit choices win over it.
 */
class ConnectionThreadsTest {

	private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

	@Test
	void autoFollowsBootsFlagWhereItIsSetAndTheJvmOtherwise() {
		assertThat(TcpConfiguration.useVirtualThreads(TcpProperties.ConnectionThreads.AUTO, null)).isEqualTo(JAVA_21);
		assertThat(TcpConfiguration.useVirtualThreads(TcpProperties.ConnectionThreads.AUTO, false)).isFalse();
		assertThat(TcpConfiguration.useVirtualThreads(TcpProperties.ConnectionThreads.AUTO, true)).isEqualTo(JAVA_21);
	}

	@Test
	void explicitChoicesWin() {
		assertThat(TcpConfiguration.useVirtualThreads(TcpProperties.ConnectionThreads.PLATFORM, true)).isFalse();
		if (JAVA_21) {
			assertThat(TcpConfiguration.useVirtualThreads(TcpProperties.ConnectionThreads.VIRTUAL, false)).isTrue();
		}
		else {
			assertThatThrownBy(() -> TcpConfiguration.useVirtualThreads(TcpProperties.ConnectionThreads.VIRTUAL, null))
				.hasMessageContaining("needs Java 21");
		}
	}

}
