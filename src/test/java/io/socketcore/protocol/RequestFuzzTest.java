package io.socketcore.protocol;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.socketcore.greeting.GreetingService;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.squares.ParallelSquarer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes a client may send, as one frame, through what the server calls: the parser of
 * either dialect (text or JSON), the square core and the formatter answer with a reply or
 * a defined error in the frame's dialect, never throw anything else, and hold no more
 * memory than the frame's size allows.
 * <p>
 * In {@code ./mvnw verify} this replays the committed corpus (regression mode), JSON
 * requests included; {@code ./mvnw -Pfuzz verify} fuzzes for real, for the
 * {@code maxDuration} below, and adds what it finds.
 */
class RequestFuzzTest {

	private static final NumberLimits LIMITS = new NumberLimits(200, 40);

	private static final RequestParser PARSER = new RequestParser(LIMITS);

	private static final ParallelSquarer SQUARER = new ParallelSquarer(Runnable::run, 3, LIMITS,
			Duration.ofSeconds(10));

	private static final Set<ErrorCode> SQUARE_ERRORS = EnumSet.of(ErrorCode.BAD_NUMBER, ErrorCode.TOO_MANY_NUMBERS,
			ErrorCode.NUMBER_TOO_LONG);

	private static final GreetingService GREETING = new GreetingService("Hello, {name}!", "client");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@FuzzTest(maxDuration = "60s")
	void anyFrameGetsAReplyOrADefinedError(byte[] frame) {
		MemoryBudget.Account memory = MemoryBudget.unlimited().account(0);
		RequestParser.Parsed parsed = PARSER.parseFrame(frame, memory);
		Request request = parsed.request();
		assertThat(request).isNotNull();
		Reply reply;
		if (request instanceof Request.Invalid invalid) {
			assertThat(invalid.code()).isNotNull();
			assertThat(invalid.message()).isNotBlank().hasSizeLessThan(300).doesNotContain("\n");
			reply = Reply.failure(invalid.code(), invalid.message());
		}
		else if (request instanceof Request.Square square) {
			try {
				ParallelSquarer.Squares squares = SQUARER.square(square.numbers(), parsed.dialect().listSeparator(),
						() -> false, memory);
				reply = Reply.squares(squares.chunks());
			}
			catch (RequestException ex) {
				assertThat(ex.code()).isIn(SQUARE_ERRORS);
				assertThat(ex.getMessage()).isNotBlank().hasSizeLessThan(300).doesNotContain("\n");
				reply = Reply.failure(ex);
			}
		}
		else if (request instanceof Request.Hello hello) {
			assertThat(hello.name() == null || !hello.name().isBlank()).isTrue();
			reply = GREETING.greet(hello);
		}
		else {
			reply = Reply.success("PONG");
		}
		// what a frame makes the server hold is proportional to the frame, whatever
		// exponents it holds
		assertThat(memory.held()).isLessThanOrEqualTo(8L * frame.length + 64 * 1024);
		if (parsed.json()) {
			JsonNode formatted = JSON.readTree(JsonRequests.format(reply, parsed.jsonId()).toString());
			assertThat(formatted.has("result") ^ formatted.has("error")).isTrue();
		}
		else {
			String formatted = TextReplyFormatter.format(reply).toString();
			assertThat(formatted).doesNotContain("\n");
		}
	}

}
