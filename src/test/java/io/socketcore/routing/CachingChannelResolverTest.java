package io.socketcore.routing;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.channel.DefaultHeaderChannelRegistry;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.core.DestinationResolutionException;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The channel resolver keeps the application's channel beans and nothing else: a
 * temporary channel of the header channel registry is looked up on every call, so that it
 * cannot outlive its registration.
 */
class CachingChannelResolverTest {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final CachingChannelResolver resolver = new CachingChannelResolver();

	CachingChannelResolverTest() {
		this.resolver.setBeanFactory(this.beanFactory);
	}

	@Test
	void aChannelBeanIsLookedUpOnce() {
		DirectChannel hello = new DirectChannel();
		this.beanFactory.registerSingleton("hello", hello);
		assertThat(this.resolver.resolveDestination("hello")).isSameAs(hello);

		this.beanFactory.destroySingleton("hello");
		assertThat(this.resolver.resolveDestination("hello")).as("kept from the first lookup").isSameAs(hello);
		assertThatThrownBy(() -> this.resolver.resolveDestination("nothing"))
			.isInstanceOf(DestinationResolutionException.class);
	}

	@Test
	void aTemporaryChannelOfTheHeaderChannelRegistryIsNotKept() {
		DefaultHeaderChannelRegistry registry = new DefaultHeaderChannelRegistry();
		registry.setRemoveOnGet(true);
		try (SimpleAsyncTaskScheduler reaper = new SimpleAsyncTaskScheduler()) {
			registry.setTaskScheduler(reaper);
			this.beanFactory.registerSingleton("integrationHeaderChannelRegistry", registry);
			MessageChannel reply = new DirectChannel();
			String name = (String) registry.channelToChannelName(reply);
			assertThat(this.resolver.resolveDestination(name)).isSameAs(reply);

			assertThat(registry.size()).as("the registry let it go at its first lookup").isZero();
			assertThatThrownBy(() -> this.resolver.resolveDestination(name)).as("gone with its registration")
				.isInstanceOf(DestinationResolutionException.class);
		}
		finally {
			registry.stop();
		}
	}

}
