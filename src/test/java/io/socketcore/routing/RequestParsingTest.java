package io.socketcore.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.Dialect;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.NumberLimits;
import io.socketcore.protocol.Request;
import io.socketcore.protocol.RequestParser;
import io.socketcore.protocol.RequestParser.Parsed;
import io.socketcore.tcp.ConnectionHeaders;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.FrameBatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow's parse step: a frame becomes a request in its dialect, a pipelining client's
 * batch becomes its requests in order, and an unterminated frame (a client of the
 * original server) is greeted, never executed.
 */
class RequestParsingTest {

	private final RequestParser parser = new RequestParser(new NumberLimits(1000, 100));

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Message<?> message(Object payload, boolean unterminated) {
		MemoryBudget.Account account = new MemoryBudget(1 << 20).account(0);
		Exchange exchange = new Exchange() {

			@Override
			public MemoryBudget.Account memory() {
				return account;
			}

			@Override
			public boolean clientGone() {
				return false;
			}

			@Override
			public long receivedNanos() {
				return 0;
			}

			@Override
			public boolean unterminated() {
				return unterminated;
			}

		};
		return new GenericMessage<>(payload, Map.of(ConnectionHeaders.EXCHANGE, exchange));
	}

	private Object parsed(Message<?> frame) {
		return new RequestParsing(this.parser).transform(frame).getPayload();
	}

	@Test
	void theParsedRequestKeepsTheFramesHeadersWithoutACopy() {
		Message<?> frame = message(bytes("PING"), false);
		assertThat(new RequestParsing(this.parser).transform(frame).getHeaders()).isSameAs(frame.getHeaders());
	}

	@Test
	void aFrameIsParsedInItsDialect() {
		Parsed text = (Parsed) parsed(message(bytes("SQUARE 1 2"), false));
		assertThat(text.request()).isEqualTo(new Request.Square("1 2"));
		assertThat(text.dialect()).isEqualTo(Dialect.TEXT);
		Parsed json = (Parsed) parsed(message(bytes("{\"id\":3,\"op\":\"ping\"}"), false));
		assertThat(json.request()).isEqualTo(new Request.Ping());
		assertThat(json.dialect()).isEqualTo(Dialect.JSON);
		assertThat(json.jsonId()).isEqualTo("3");
	}

	@Test
	void aBatchIsParsedFrameByFrameInOrder() {
		Object parsed = parsed(
				message(new FrameBatch(List.of(bytes("PING"), bytes("{\"op\":\"quit\"}"), bytes("NOPE"))), false));
		assertThat(parsed).isInstanceOf(RequestBatch.class);
		List<Parsed> requests = ((RequestBatch) parsed).requests();
		assertThat(requests).extracting(Parsed::request).first().isEqualTo(new Request.Ping());
		assertThat(requests.get(1).request()).isEqualTo(new Request.Quit());
		assertThat(requests.get(1).dialect()).isEqualTo(Dialect.JSON);
		assertThat(((Request.Invalid) requests.get(2).request()).code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
	}

	@Test
	void anUnterminatedGreetingOrNonCommandIsGreeted() {
		assertThat(((Parsed) parsed(message(bytes("Hi there"), true))).request()).isEqualTo(new Request.Hello(null));
		assertThat(((Parsed) parsed(message(bytes("HELLO"), true))).request()).isEqualTo(new Request.Hello(null));
	}

	@Test
	void anUnterminatedCommandIsNeverExecuted() {
		for (String frame : List.of("SQUARE 1 2", "HELLO Bob", "PING", "{\"op\":\"ping\"}", "{oops")) {
			Request request = ((Parsed) parsed(message(bytes(frame), true))).request();
			assertThat(request).as(frame).isInstanceOf(Request.Invalid.class);
			assertThat(((Request.Invalid) request).code()).as(frame).isEqualTo(ErrorCode.INCOMPLETE_REQUEST);
		}
	}

}
