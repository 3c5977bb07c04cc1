package io.socketcore.tcp.listener;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

import io.socketcore.tcp.connection.ReplySlot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's exchange with a direct request channel: the reply comes from the
 * request's {@link ReplySlot}, the flow sees the request itself, and failures and missing
 * replies reach the error channel as they do on the stock path.
 */
class DirectReplyGatewayTest {

	private final DirectChannel requests = new DirectChannel();

	private final DirectChannel errors = new DirectChannel();

	private final AtomicReference<Message<?>> seenByTheFlow = new AtomicReference<>();

	private final DirectReplyGateway gateway = new DirectReplyGateway();

	@BeforeEach
	void gateway() {
		this.gateway.setConnectionFactory(new TcpNetServerConnectionFactory(0));
		this.gateway.setRequestChannel(this.requests);
		this.gateway.setErrorChannel(this.errors);
		this.gateway.setErrorOnTimeout(true);
		this.gateway.setBeanFactory(new DefaultListableBeanFactory());
		this.gateway.afterPropertiesSet();
		this.errors.subscribe(error -> reply(error, error.getPayload()));
	}

	private static void reply(Message<?> request, Object payload) {
		((MessageChannel) request.getHeaders().getReplyChannel()).send(new GenericMessage<>(payload));
	}

	private void flow(MessageHandler handler) {
		this.requests.subscribe(request -> {
			this.seenByTheFlow.set(request);
			handler.handleMessage(request);
		});
	}

	private static Message<?> request(Object replyChannel) {
		return new GenericMessage<>("HELLO", Map.of(MessageHeaders.REPLY_CHANNEL, replyChannel));
	}

	@Test
	void theReplyIsTakenFromTheSlotAndTheFlowSeesTheRequestItself() {
		flow(request -> reply(request, "Hello, client!"));
		Message<?> request = request(new ReplySlot());
		assertThat(this.gateway.sendAndReceiveMessage(request).getPayload()).isEqualTo("Hello, client!");
		assertThat(this.seenByTheFlow.get()).isSameAs(request);
	}

	@Test
	void aRequestWithoutASlotTakesTheStockPath() {
		flow(request -> reply(request, "Hello, client!"));
		Message<?> request = new GenericMessage<>("HELLO");
		assertThat(this.gateway.sendAndReceiveMessage(request).getPayload()).isEqualTo("Hello, client!");
		assertThat(this.seenByTheFlow.get()).isNotSameAs(request);
	}

	@Test
	void aFlowThatFailsIsAnsweredByTheErrorChannel() {
		flow(request -> {
			throw new IllegalStateException("a bug");
		});
		Message<?> reply = this.gateway.sendAndReceiveMessage(request(new ReplySlot()));
		assertThat(reply.getPayload()).isInstanceOf(MessagingException.class);
		assertThat((Throwable) reply.getPayload()).hasRootCauseMessage("a bug");
	}

	@Test
	void aFlowThatSendsNoReplyIsAnsweredByTheErrorChannel() {
		flow(request -> {
		});
		Message<?> reply = this.gateway.sendAndReceiveMessage(request(new ReplySlot()));
		assertThat(reply.getPayload()).isInstanceOf(MessageTimeoutException.class);
	}

	@Test
	void aSecondReplyToOneSlotIsRefused() {
		ReplySlot slot = new ReplySlot();
		assertThat(slot.send(new GenericMessage<>("first"))).isTrue();
		assertThat(slot.send(new GenericMessage<>("second"))).isFalse();
		assertThat(slot.reply().getPayload()).isEqualTo("first");
	}

}
