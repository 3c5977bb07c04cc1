package io.socketcore.routing;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import io.socketcore.greeting.GreetingService;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.Command;
import io.socketcore.protocol.Dialect;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;
import io.socketcore.protocol.RequestParser.Parsed;
import io.socketcore.protocol.WireReply;
import io.socketcore.squares.SquareService;
import io.socketcore.tcp.ConnectionHeaders;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.FrameBatch;

/**
 * The end of every route: asks the service, records the request in
 * {@code socketcore.requests}, and formats the reply in the request's dialect. Done
 * inside each route's handler rather than as more steps after the router, because every
 * step of a flow copies the message and its headers, and this runs once per request.
 */
final class Answers {

	private static final Log logger = LogFactory.getLog(Answers.class);

	/** For requests that come from no connection (none do in production). */
	private static final Exchange DETACHED = new Exchange() {

		private final MemoryBudget.Account unlimited = MemoryBudget.unlimited().account(0);

		@Override
		public MemoryBudget.Account memory() {
			return this.unlimited;
		}

		@Override
		public boolean clientGone() {
			return false;
		}

		@Override
		public long receivedNanos() {
			return System.nanoTime();
		}

		@Override
		public boolean unterminated() {
			return false;
		}

	};

	private final GreetingService greetingService;

	private final SquareService squareService;

	private final RequestMetrics metrics;

	Answers(GreetingService greetingService, SquareService squareService, RequestMetrics metrics) {
		this.greetingService = greetingService;
		this.squareService = squareService;
		this.metrics = metrics;
	}

	WireReply hello(Parsed parsed, MessageHeaders headers) {
		return answered(parsed, headers, this.greetingService.greet((Request.Hello) parsed.request()));
	}

	WireReply square(Parsed parsed, MessageHeaders headers) {
		Exchange exchange = exchange(headers);
		return answered(parsed, headers, this.squareService.square((Request.Square) parsed.request(), parsed.dialect(),
				exchange::clientGone, exchange.memory()));
	}

	WireReply ping(Parsed parsed, MessageHeaders headers) {
		return answered(parsed, headers, Reply.success("PONG"));
	}

	/** {@code BYE}, after which the connection closes. */
	Message<WireReply> quit(Parsed parsed, MessageHeaders headers) {
		return closingAfter(bye(parsed, headers), headers);
	}

	private WireReply bye(Parsed parsed, MessageHeaders headers) {
		return answered(parsed, headers, Reply.success("BYE"));
	}

	WireReply invalid(Parsed parsed, MessageHeaders headers) {
		Request.Invalid invalid = (Request.Invalid) parsed.request();
		return answered(parsed, headers, Reply.failure(invalid.code(), invalid.message()));
	}

	/**
	 * A pipelining client's read, answered request by request in order, as the router
	 * answers each one alone: a request that fails gets {@code ERR INTERNAL} and the
	 * others their answers; {@code QUIT} is the last one answered, and the connection
	 * then closes.
	 */
	Object inOrder(RequestBatch batch, MessageHeaders headers) {
		List<WireReply> replies = new ArrayList<>(batch.requests().size());
		for (Parsed parsed : batch.requests()) {
			Request request = parsed.request();
			try {
				replies.add(answer(parsed, headers));
			}
			catch (RuntimeException ex) {
				logger.error("Request failed: " + request, ex);
				replies.add(failed(internalError(), parsed, exchange(headers).receivedNanos()));
			}
			if (request instanceof Request.Quit) {
				return closingAfter(replies, headers);
			}
		}
		return replies;
	}

	private static <T> Message<T> closingAfter(T reply, MessageHeaders headers) {
		return MessageBuilder.withPayload(reply)
			.copyHeaders(headers)
			.setHeader(ConnectionHeaders.CLOSE_AFTER_REPLY, true)
			.build();
	}

	private WireReply answer(Parsed parsed, MessageHeaders headers) {
		Request request = parsed.request();
		if (request instanceof Request.Hello) {
			return hello(parsed, headers);
		}
		if (request instanceof Request.Square) {
			return square(parsed, headers);
		}
		if (request instanceof Request.Ping) {
			return ping(parsed, headers);
		}
		if (request instanceof Request.Quit) {
			return bye(parsed, headers);
		}
		return invalid(parsed, headers);
	}

	private WireReply answered(Parsed parsed, MessageHeaders headers, Reply reply) {
		this.metrics.record(parsed.request().command(), reply, exchange(headers).receivedNanos());
		return format(reply, parsed);
	}

	/**
	 * A failed message's reply: one per request it held, each in its request's dialect
	 * and recorded in {@code socketcore.requests} with the failure's outcome, as an
	 * answered request would be (a frame that failed before it was parsed counts as
	 * {@code INVALID}).
	 */
	Object failed(Reply reply, @Nullable Message<?> failed) {
		Object payload = (failed != null) ? failed.getPayload() : null;
		long receivedNanos = (failed != null) ? exchange(failed.getHeaders()).receivedNanos() : System.nanoTime();
		if (payload instanceof Parsed parsed) {
			return failed(reply, parsed, receivedNanos);
		}
		if (payload instanceof RequestBatch batch) {
			return batch.requests().stream().map(parsed -> failed(reply, parsed, receivedNanos)).toList();
		}
		if (payload instanceof FrameBatch batch) {
			return batch.frames().stream().map(frame -> failed(reply, frame, receivedNanos)).toList();
		}
		return (payload instanceof byte[] frame) ? failed(reply, frame, receivedNanos)
				: Dialect.TEXT.format(reply, null);
	}

	private WireReply failed(Reply reply, Parsed parsed, long receivedNanos) {
		this.metrics.record(parsed.request().command(), reply, receivedNanos);
		return format(reply, parsed);
	}

	private WireReply failed(Reply reply, byte[] frame, long receivedNanos) {
		this.metrics.record(Command.INVALID, reply, receivedNanos);
		return Dialect.of(frame).format(reply, null);
	}

	/** The reply in the dialect its request was asked in. */
	static WireReply format(Reply reply, Parsed parsed) {
		return parsed.dialect().format(reply, parsed.jsonId());
	}

	static Reply internalError() {
		return Reply.failure(ErrorCode.INTERNAL, "the server failed to answer; see its log");
	}

	static Exchange exchange(MessageHeaders headers) {
		Exchange exchange = headers.get(ConnectionHeaders.EXCHANGE, Exchange.class);
		return (exchange != null) ? exchange : DETACHED;
	}

}
