package io.socketcore.routing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.integration.transformer.Transformer;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.RequestParser;
import io.socketcore.protocol.RequestParser.Parsed;
import io.socketcore.protocol.UnterminatedRequests;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.FrameBatch;

/**
 * The flow's parse step: the frame parsed, or each frame of a pipelining client's read,
 * in order. The parsed request shares the frame's headers (immutable, the same exchange)
 * instead of a copy.
 * <p>
 * A {@link Transformer} rather than a lambda: Spring Integration calls a lambda through a
 * reflective processor on every message, a transformer directly.
 */
final class RequestParsing implements Transformer {

	private final RequestParser parser;

	RequestParsing(RequestParser parser) {
		this.parser = parser;
	}

	@Override
	public Message<?> transform(Message<?> frame) {
		return new GenericMessage<>(parsed(frame), frame.getHeaders());
	}

	private Object parsed(Message<?> frame) {
		Exchange exchange = Answers.exchange(frame.getHeaders());
		MemoryBudget.Account account = exchange.memory();
		if (frame.getPayload() instanceof FrameBatch batch) {
			List<Parsed> requests = new ArrayList<>(batch.frames().size());
			for (byte[] bytes : batch.frames()) {
				requests.add(this.parser.parseFrame(bytes, account));
			}
			return new RequestBatch(requests);
		}
		Parsed parsed = this.parser.parseFrame((byte[]) frame.getPayload(), account);
		return exchange.unterminated() ? UnterminatedRequests.answerable(parsed) : parsed;
	}

}
