package io.socketcore.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.support.channel.BeanFactoryChannelResolver;
import org.springframework.messaging.MessageChannel;

/**
 * Spring Integration's channel resolver ({@code integrationChannelResolver}), with the
 * application's channel beans looked up once. The stock resolver asks the bean factory on
 * every message that a router routes by name.
 * <p>
 * Only singleton beans are kept, so the cache holds at most the application's channels.
 * Other names (temporary reply channels of the header channel registry) are resolved on
 * every call, as before.
 */
final class CachingChannelResolver extends BeanFactoryChannelResolver {

	private final Map<String, MessageChannel> channelBeans = new ConcurrentHashMap<>();

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		super.setBeanFactory(beanFactory);
		this.beanFactory = beanFactory;
	}

	@Override
	public MessageChannel resolveDestination(String name) {
		MessageChannel channel = this.channelBeans.get(name);
		if (channel == null) {
			channel = super.resolveDestination(name);
			if (this.beanFactory.containsBean(name) && this.beanFactory.isSingleton(name)) {
				this.channelBeans.put(name, channel);
			}
		}
		return channel;
	}

}
