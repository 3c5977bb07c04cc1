package io.socketcore.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One type decides how a client speaks and how it is answered, errors included.
 */
class DialectTest {

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void aFrameIsJsonWhenItsFirstNonBlankByteIsABrace() {
		assertThat(Dialect.of(bytes("{\"op\":\"ping\"}"))).isEqualTo(Dialect.JSON);
		assertThat(Dialect.of(bytes(" \t{"))).isEqualTo(Dialect.JSON);
		assertThat(Dialect.of(bytes("PING {"))).isEqualTo(Dialect.TEXT);
		assertThat(Dialect.of(bytes(""))).isEqualTo(Dialect.TEXT);
		assertThat(Dialect.of(bytes("   "))).isEqualTo(Dialect.TEXT);
		assertThat(Dialect.of(bytes("\u0002{\"op\":1}"), 1, 4)).isEqualTo(Dialect.JSON);
	}

	@Test
	void eachDialectFormatsSuccessesFailuresAndSquaresItsOwnWay() {
		assertThat(Dialect.TEXT.format(Reply.success("PONG"), null)).hasToString("PONG");
		assertThat(Dialect.JSON.format(Reply.success("PONG"), "7")).hasToString("{\"id\":7,\"result\":\"PONG\"}");
		assertThat(Dialect.TEXT.format(Reply.squares(List.of("1, 4", "9")), null)).hasToString("[1, 4, 9]");
		assertThat(Dialect.JSON.format(Reply.squares(List.of("1,4", "9")), null)).hasToString("{\"result\":[1,4,9]}");
		assertThat(Dialect.TEXT.format(Reply.failure(ErrorCode.BAD_NUMBER, "'x' is no number"), null))
			.hasToString("ERR BAD_NUMBER 'x' is no number");
		assertThat(Dialect.JSON.format(Reply.failure(ErrorCode.BAD_NUMBER, "\"x\" is no number"), "\"a\""))
			.hasToString("{\"id\":\"a\",\"error\":{\"code\":\"BAD_NUMBER\",\"message\":\"\\\"x\\\" is no number\"}}");
	}

	@Test
	void errorsOutsideARequestCarryNoId() {
		assertThat(Dialect.TEXT.error(ErrorCode.FRAME_TOO_LARGE, "too long"))
			.hasToString("ERR FRAME_TOO_LARGE too long");
		assertThat(Dialect.JSON.error(ErrorCode.FRAME_TOO_LARGE, "too long"))
			.hasToString("{\"error\":{\"code\":\"FRAME_TOO_LARGE\",\"message\":\"too long\"}}");
	}

	@Test
	void theListSeparatorIsTheDialects() {
		assertThat(Dialect.TEXT.listSeparator()).isEqualTo(", ");
		assertThat(Dialect.JSON.listSeparator()).isEqualTo(",");
	}

}
