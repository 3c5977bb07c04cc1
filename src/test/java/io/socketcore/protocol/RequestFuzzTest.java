package io.socketcore.protocol;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.socketcore.squares.ParallelSquarer;
import io.socketcore.protocol.NumberLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes a client may send, as one frame: the parser and the square core answer with a reply or a
 * defined error, and never throw anything else.
 * <p>
 * In {@code ./mvnw verify} this replays the committed corpus (regression mode); {@code ./mvnw -Pfuzz verify}
 * fuzzes for real, for the {@code maxDuration} below, and adds what it finds to the corpus.
 */
class RequestFuzzTest {

	private static final ParallelSquarer SQUARER = new ParallelSquarer(Runnable::run, 3, new NumberLimits(200, 40),
			Duration.ofSeconds(10));

	private static final Set<ErrorCode> SQUARE_ERRORS = EnumSet.of(ErrorCode.BAD_NUMBER, ErrorCode.TOO_MANY_NUMBERS,
			ErrorCode.NUMBER_TOO_LONG);

	@FuzzTest(maxDuration = "60s")
	void anyFrameGetsAReplyOrADefinedError(byte[] frame) {
		Request request = RequestParser.parse(frame);
		assertThat(request).isNotNull();
		if (request instanceof Request.Invalid invalid) {
			assertThat(invalid.code()).isNotNull();
			assertThat(invalid.message()).isNotBlank().hasSizeLessThan(300).doesNotContain("\n");
		}
		else if (request instanceof Request.Square square) {
			try {
				String squares = SQUARER.square(square.numbers()).text();
				assertThat(squares).startsWith("[").endsWith("]").doesNotContain("\n");
			}
			catch (RequestException ex) {
				assertThat(ex.code()).isIn(SQUARE_ERRORS);
				assertThat(ex.getMessage()).isNotBlank().hasSizeLessThan(300).doesNotContain("\n");
			}
		}
		else if (request instanceof Request.Hello hello) {
			assertThat(hello.name() == null || !hello.name().isBlank()).isTrue();
		}
	}

}
