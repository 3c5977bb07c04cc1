package io.socketcore.routing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.IdGenerators;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.IdGenerator;

import io.socketcore.greeting.GreetingService;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.Dialect;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.JsonRequests;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;
import io.socketcore.protocol.RequestParser;
import io.socketcore.protocol.TextReplyFormatter;
import io.socketcore.protocol.WireReply;
import io.socketcore.squares.SquareService;
import io.socketcore.squares.SquaresProperties;
import io.socketcore.tcp.ClientPresence;
import io.socketcore.tcp.ConnectionHeaders;

/**
 * The trip of a request from the {@code requests} channel to its reply, read top to bottom: parse the frame,
 * route by command to the service that answers it, format the reply for the wire.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	private static final Log logger = LogFactory.getLog(RoutingConfiguration.class);

	@Bean
	DirectChannel requests() {
		return new DirectChannel();
	}

	@Bean
	DirectChannel requestErrors() {
		return new DirectChannel();
	}

	/**
	 * Message ids from a counter instead of random UUIDs: every step of the flow creates a message, and the
	 * ids only need to be unique within this process.
	 */
	@Bean
	IdGenerator integrationMessageIdGenerator() {
		return new IdGenerators.SimpleIncrementingIdGenerator();
	}

	@Bean
	RequestMetrics requestMetrics(MeterRegistry registry) {
		return new RequestMetrics(registry);
	}

	@Bean
	RequestParser requestParser(SquaresProperties squares) {
		return new RequestParser(new NumberLimits(squares.maxNumbers(), squares.maxDigits()));
	}

	@Bean
	IntegrationFlow requestFlow(RequestParser requestParser, GreetingService greetingService,
			SquareService squareService, RequestMetrics requestMetrics) {
		ReplyWriter reply = new ReplyWriter(requestMetrics);
		return IntegrationFlow.from("requests")
			.transform(Message.class, frame -> parse(requestParser, frame))
			.route(Request.class, Request::command, router -> router
				.subFlowMapping("HELLO", hello -> hello
					.handle(Request.Hello.class, (request, headers) -> reply.text("HELLO", greetingService.greet(request), headers)))
				.subFlowMapping("SQUARE", square -> square
					.handle(Request.Square.class, (request, headers) -> reply.text("SQUARE", squareService.square(request, ReplyWriter.dialect(headers), ClientPresence::currentClientGone, memory(headers)), headers)))
				.subFlowMapping("PING", ping -> ping
					.handle((request, headers) -> reply.text("PING", Reply.success("PONG"), headers)))
				.subFlowMapping("QUIT", quit -> quit
					.enrichHeaders(headers -> headers.header(ConnectionHeaders.CLOSE_AFTER_REPLY, true))
					.handle((request, headers) -> reply.text("QUIT", Reply.success("BYE"), headers)))
				.subFlowMapping("INVALID", invalid -> invalid
					.handle(Request.Invalid.class, (request, headers) -> reply
						.text("INVALID", Reply.failure(request.code(), request.message()), headers))))
			.get();
	}

	/** Whatever failed unexpectedly is logged here and answered {@code ERR INTERNAL}: never a stack trace. */
	@Bean
	IntegrationFlow requestErrorFlow() {
		return IntegrationFlow.from("requestErrors")
			.handle(MessagingException.class, (failure, headers) -> {
				Reply reply;
				if (failure instanceof MessageTimeoutException) {
					logger.warn("No reply in time for " + failure.getFailedMessage());
					reply = Reply.failure(ErrorCode.TIMEOUT, "no reply in time");
				}
				else {
					logger.error("Request failed: " + failure.getFailedMessage(), failure);
					reply = Reply.failure(ErrorCode.INTERNAL, "the server failed to answer; see its log");
				}
				return inTheRequestsProtocol(reply, failure.getFailedMessage());
			})
			.get();
	}

	private static WireReply inTheRequestsProtocol(Reply reply, Message<?> failed) {
		boolean json = failed != null && (failed.getHeaders().containsKey(ReplyWriter.JSON)
				|| (failed.getPayload() instanceof byte[] frame && Dialect.of(frame) == Dialect.JSON));
		return json ? JsonRequests.format(reply, failed.getHeaders().get(ReplyWriter.JSON_ID, String.class))
				: TextReplyFormatter.format(reply);
	}

	private static MemoryBudget.Account memory(MessageHeaders headers) {
		MemoryBudget.Account account = headers.get(ConnectionHeaders.MEMORY, MemoryBudget.Account.class);
		return (account != null) ? account : UNLIMITED;
	}

	/** For requests that come from no connection (none do in production). */
	private static final MemoryBudget.Account UNLIMITED = MemoryBudget.unlimited().account(0);

	static Message<Request> parse(RequestParser parser, Message<?> frame) {
		RequestParser.Parsed parsed = parser.parseFrame((byte[]) frame.getPayload(), memory(frame.getHeaders()));
		Request request = parsed.request();
		if (Boolean.TRUE.equals(frame.getHeaders().get(ConnectionHeaders.UNTERMINATED))) {
			request = unterminated(parsed);
		}
		MessageBuilder<Request> message = MessageBuilder.withPayload(request).copyHeaders(frame.getHeaders());
		if (parsed.json()) {
			message.setHeader(ReplyWriter.JSON, true);
			if (parsed.jsonId() != null) {
				message.setHeader(ReplyWriter.JSON_ID, parsed.jsonId());
			}
		}
		return message.build();
	}

	/**
	 * Clients of the original Python server send one message without a terminator and print whatever comes
	 * back; that server greeted every message. Text that is no command is greeted here too (the greeting does
	 * not depend on the bytes), but a command that has not been terminated may have been cut by the network,
	 * and is never executed: its result could be wrong.
	 */
	private static Request unterminated(RequestParser.Parsed parsed) {
		Request request = parsed.request();
		boolean noCommand = request instanceof Request.Invalid
				|| (request instanceof Request.Hello hello && hello.name() == null);
		if (!parsed.json() && noCommand) {
			return new Request.Hello(null);
		}
		return new Request.Invalid(ErrorCode.INCOMPLETE_REQUEST, "the request ended without its terminator and "
				+ "no more came: it may have been cut, so nothing was computed; end every request with a line feed");
	}


}
