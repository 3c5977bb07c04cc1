package io.socketcore.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestParserTest {

	private static Request parse(String line) {
		return RequestParser.parse(line.getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "HELLO", "hello", "HeLLo", "  HELLO  ", "\tHELLO" })
	void helloWithoutNameIsCaseInsensitive(String line) {
		assertThat(parse(line)).isEqualTo(new Request.Hello(null));
	}

	@Test
	void helloKeepsTheWholeName() {
		assertThat(parse("HELLO Ann Lee ")).isEqualTo(new Request.Hello("Ann Lee"));
		assertThat(parse("HELLO Zoë")).isEqualTo(new Request.Hello("Zoë"));
	}

	@Test
	void squareKeepsItsArgumentsAsText() {
		assertThat(parse("square [1, 2]")).isEqualTo(new Request.Square("[1, 2]"));
		assertThat(parse("SQUARE")).isEqualTo(new Request.Square(""));
	}

	@Test
	void pingAndQuit() {
		assertThat(parse("ping")).isInstanceOf(Request.Ping.class);
		assertThat(parse("QUIT")).isInstanceOf(Request.Quit.class);
	}

	@Test
	void commandMustBeAWholeWord() {
		assertThat(parse("HELLOX")).isInstanceOf(Request.Invalid.class);
		assertThat(parse("SQUARE1 2")).isInstanceOf(Request.Invalid.class);
	}

	@Test
	void unknownCommandIsShortened() {
		Request request = parse("FROB " + "x".repeat(10_000));
		assertThat(request).isInstanceOfSatisfying(Request.Invalid.class, invalid -> {
			assertThat(invalid.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
			assertThat(invalid.message()).startsWith("'FROB xxx").contains("(10005 chars)").hasSizeLessThan(200);
		});
	}

	@Test
	void emptyAndBlankLines() {
		assertThat(code(parse(""))).isEqualTo(ErrorCode.EMPTY_REQUEST);
		assertThat(code(parse("  \t "))).isEqualTo(ErrorCode.EMPTY_REQUEST);
	}

	@Test
	void controlCharactersAreRefused() {
		assertThat(code(parse("PING\0"))).isEqualTo(ErrorCode.BAD_CHARACTER);
		assertThat(code(parse("PI\rNG"))).isEqualTo(ErrorCode.BAD_CHARACTER);
		assertThat(code(parse("\u001b[31mHELLO"))).isEqualTo(ErrorCode.BAD_CHARACTER);
		assertThat(((Request.Invalid) parse("AB\0")).message()).contains("U+0000").contains("column 3");
	}

	@Test
	void invalidUtf8IsRefused() {
		Request request = RequestParser.parse(new byte[] { 'H', 'I', (byte) 0xC3, (byte) 0x28 });
		assertThat(code(request)).isEqualTo(ErrorCode.BAD_ENCODING);
		assertThat(code(RequestParser.parse(new byte[] { (byte) 0xFF }))).isEqualTo(ErrorCode.BAD_ENCODING);
	}

	@Test
	void formatsRepliesAsLines() {
		assertThat(TextReplyFormatter.format(Reply.success("PONG"))).hasToString("PONG");
		assertThat(TextReplyFormatter.format(Reply.failure(ErrorCode.BUSY, "too many connections")))
			.hasToString("ERR BUSY too many connections");
		assertThat(TextReplyFormatter.format(Reply.squares(java.util.List.of("1, 4", "9")))).hasToString("[1, 4, 9]");
	}

	private static ErrorCode code(Request request) {
		return ((Request.Invalid) request).code();
	}

}
