package io.socketcore.tcp.connection;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTrackerTest {

	private final ConnectionTracker tracker = new ConnectionTracker("test", new SimpleMeterRegistry());

	@Test
	void countsEachIpv4AddressOnItsOwn() throws UnknownHostException {
		assertThat(this.tracker.admit(address("192.0.2.1"), 1)).isTrue();
		assertThat(this.tracker.admit(address("192.0.2.1"), 1)).isFalse();
		assertThat(this.tracker.admit(address("192.0.2.2"), 1)).as("a neighbour is another client").isTrue();
	}

	@Test
	void countsAnIpv6NetworkOf64BitsAsOneClient() throws UnknownHostException {
		assertThat(this.tracker.admit(address("2001:db8:1:2::1"), 2)).isTrue();
		assertThat(this.tracker.admit(address("2001:db8:1:2:ffff:ffff:ffff:ffff"), 2)).isTrue();
		assertThat(this.tracker.admit(address("2001:db8:1:2:abcd::9"), 2)).as("a third address of the same /64")
			.isFalse();
		assertThat(this.tracker.admit(address("2001:db8:1:3::1"), 2)).as("the next /64 is another client").isTrue();
	}

	@Test
	void aReleaseFromAnyAddressOfTheNetworkGivesItsPlaceBack() throws UnknownHostException {
		assertThat(this.tracker.admit(address("2001:db8::1"), 1)).isTrue();
		this.tracker.release(address("2001:db8::1"));
		assertThat(this.tracker.admit(address("2001:db8::2"), 1)).isTrue();
		assertThat(this.tracker.admit(address("2001:db8::3"), 1)).isFalse();
	}

	@Test
	void anIpv4MappedAddressCountsAsItsIpv4Address() throws UnknownHostException {
		assertThat(this.tracker.admit(address("::ffff:192.0.2.7"), 1)).isTrue();
		assertThat(this.tracker.admit(address("192.0.2.7"), 1)).isFalse();
		assertThat(this.tracker.admit(address("::ffff:192.0.2.8"), 1)).as("not the /64 of ::ffff:0:0").isTrue();
	}

	private static InetAddress address(String literal) throws UnknownHostException {
		return InetAddress.getByName(literal);
	}

}
