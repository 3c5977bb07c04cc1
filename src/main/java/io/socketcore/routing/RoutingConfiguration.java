package io.socketcore.routing;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.MessageTimeoutException;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.support.IdGenerators;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.IdGenerator;

import io.socketcore.greeting.GreetingService;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.Command;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;
import io.socketcore.protocol.RequestParser;
import io.socketcore.protocol.RequestParser.Parsed;
import io.socketcore.protocol.UnterminatedRequests;
import io.socketcore.squares.SquareService;
import io.socketcore.squares.SquaresProperties;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.FrameBatch;

/**
 * The trip of a request from the {@code requests} channel to its reply, read top to
 * bottom: parse the frame, route by command to the service that answers it, format the
 * reply for the wire.
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
	 * Message ids from a counter instead of random UUIDs: every step of the flow creates
	 * a message, and the ids only need to be unique within this process.
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
	Answers answers(GreetingService greetingService, SquareService squareService, RequestMetrics requestMetrics) {
		return new Answers(greetingService, squareService, requestMetrics);
	}

	@Bean
	IntegrationFlow requestFlow(RequestParser requestParser, Answers answers) {
		return IntegrationFlow.from("requests")
			.transform(Message.class, frame -> parse(requestParser, frame))
			.route(Object.class, RoutingConfiguration::route,
					router -> router.subFlowMapping(Command.HELLO.name(), answeredBy(Parsed.class, answers::hello))
						.subFlowMapping(Command.SQUARE.name(), answeredBy(Parsed.class, answers::square))
						.subFlowMapping(Command.PING.name(), answeredBy(Parsed.class, answers::ping))
						.subFlowMapping(Command.QUIT.name(), answeredBy(Parsed.class, answers::quit))
						.subFlowMapping(Command.INVALID.name(), answeredBy(Parsed.class, answers::invalid))
						.subFlowMapping(RequestBatch.ROUTE, answeredBy(RequestBatch.class, answers::inOrder)))
			.get();
	}

	/**
	 * A route: its handler, whose reply shares the request's headers (immutable; a reply
	 * changes none of them but {@code QUIT}'s, which builds its own message). The stock
	 * handler copies them into every reply, one of the largest costs per request.
	 */
	private static <P> IntegrationFlow answeredBy(Class<P> requestType, GenericHandler<P> answer) {
		return route -> route.handle(requestType, (request, headers) -> {
			Object reply = answer.handle(request, headers);
			return (reply instanceof Message<?>) ? reply : new GenericMessage<>(reply, headers);
		}, handler -> handler.notPropagatedHeaders("*"));
	}

	/**
	 * A request goes to its command's route; a pipelining client's read of several, to
	 * the batch's.
	 */
	static String route(Object parsed) {
		return (parsed instanceof Parsed single) ? single.request().command().name() : RequestBatch.ROUTE;
	}

	/**
	 * Whatever failed unexpectedly is logged here and answered {@code ERR INTERNAL}:
	 * never a stack trace.
	 */
	@Bean
	IntegrationFlow requestErrorFlow(Answers answers) {
		return IntegrationFlow.from("requestErrors").handle(MessagingException.class, (failure, headers) -> {
			Reply reply;
			if (failure instanceof MessageTimeoutException) {
				logger.warn("No reply in time for " + failure.getFailedMessage());
				reply = Reply.failure(ErrorCode.TIMEOUT, "no reply in time");
			}
			else {
				logger.error("Request failed: " + failure.getFailedMessage(), failure);
				reply = Answers.internalError();
			}
			return answers.failed(reply, failure.getFailedMessage());
		}).get();
	}

	/**
	 * The frame parsed, or each frame of a pipelining client's read, in order. The parsed
	 * request shares the frame's headers (immutable, the same exchange) instead of a
	 * copy.
	 */
	static Message<?> parse(RequestParser parser, Message<?> frame) {
		return new GenericMessage<>(parsed(parser, frame), frame.getHeaders());
	}

	private static Object parsed(RequestParser parser, Message<?> frame) {
		Exchange exchange = Answers.exchange(frame.getHeaders());
		MemoryBudget.Account account = exchange.memory();
		if (frame.getPayload() instanceof FrameBatch batch) {
			List<Parsed> requests = new ArrayList<>(batch.frames().size());
			for (byte[] bytes : batch.frames()) {
				requests.add(parser.parseFrame(bytes, account));
			}
			return new RequestBatch(requests);
		}
		Parsed parsed = parser.parseFrame((byte[]) frame.getPayload(), account);
		return exchange.unterminated() ? UnterminatedRequests.answerable(parsed) : parsed;
	}

}
