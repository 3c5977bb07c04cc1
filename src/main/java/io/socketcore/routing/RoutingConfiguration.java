package io.socketcore.routing;

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
import org.springframework.integration.support.channel.ChannelResolverUtils;
import org.springframework.messaging.MessagingException;
import org.springframework.util.IdGenerator;

import io.socketcore.greeting.GreetingService;
import io.socketcore.protocol.Command;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.RequestParser;
import io.socketcore.protocol.RequestParser.Parsed;
import io.socketcore.squares.SquareService;
import io.socketcore.squares.SquaresProperties;

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
	 * Message ids from a counter instead of random UUIDs, for the messages that still get
	 * one (an error's, {@code QUIT}'s reply): a request, and every message that shares
	 * its headers, has none. The ids only need to be unique within this process.
	 */
	@Bean
	IdGenerator integrationMessageIdGenerator() {
		return new IdGenerators.SimpleIncrementingIdGenerator();
	}

	/**
	 * Replaces Spring Integration's resolver of channel names, which the router calls on
	 * every message.
	 */
	@Bean(ChannelResolverUtils.CHANNEL_RESOLVER_BEAN_NAME)
	static CachingChannelResolver integrationChannelResolver() {
		return new CachingChannelResolver();
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
			.transformWith(parse -> parse.transformer(new RequestParsing(requestParser)))
			.route(Object.class, RoutingConfiguration::route,
					router -> router.subFlowMapping(Command.HELLO.name(), answeredBy(Parsed.class, answers::hello))
						.subFlowMapping(Command.SQUARE.name(), answeredBy(Parsed.class, answers::square))
						.subFlowMapping(Command.PING.name(), answeredBy(Parsed.class, answers::ping))
						.subFlowMapping(Command.QUIT.name(), answeredBy(Parsed.class, answers::quit))
						.subFlowMapping(Command.INVALID.name(), answeredBy(Parsed.class, answers::invalid))
						.subFlowMapping(RequestBatch.ROUTE, answeredBy(RequestBatch.class, answers::inOrder)))
			.get();
	}

	private static <P> IntegrationFlow answeredBy(Class<P> requestType, GenericHandler<P> answer) {
		return route -> route.handle(new Answering<>(requestType, answer));
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

}
