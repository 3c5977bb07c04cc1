package io.socketcore.routing;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * The end of a route: its answer to the request, in a reply that shares the request's
 * headers (immutable; only {@code QUIT}'s reply builds its own message, to carry the
 * close header).
 * <p>
 * A handler of its own rather than a lambda given to the DSL: Spring Integration calls a
 * lambda through a reflective processor on every message, and copies the request's
 * headers into every reply.
 */
final class Answering<P> extends AbstractReplyProducingMessageHandler {

	private final Class<P> requestType;

	private final GenericHandler<P> answer;

	Answering(Class<P> requestType, GenericHandler<P> answer) {
		this.requestType = requestType;
		this.answer = answer;
	}

	@Override
	protected Object handleRequestMessage(Message<?> request) {
		Object reply = this.answer.handle(this.requestType.cast(request.getPayload()), request.getHeaders());
		return (reply instanceof Message<?>) ? reply : new GenericMessage<>(reply, request.getHeaders());
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

}
