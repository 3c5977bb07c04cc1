package io.socketcore.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's words come from one enum: the text command, the JSON op, the router's
 * key, the metric tag.
 */
class CommandTest {

	@Test
	void clientsSendFourCommandsInBothDialects() {
		assertThat(Command.words()).isEqualTo("HELLO, SQUARE, PING, QUIT");
		assertThat(Command.ops()).isEqualTo("hello, square, ping, quit");
		assertThat(Command.sentByClients()).doesNotContain(Command.INVALID);
	}

	@Test
	void aJsonOpNamesItsCommandInAnyCase() {
		assertThat(Command.ofOp("square")).isEqualTo(Command.SQUARE);
		assertThat(Command.ofOp("PiNg")).isEqualTo(Command.PING);
		assertThat(Command.ofOp("invalid")).as("INVALID is no op a client may send").isNull();
		assertThat(Command.ofOp("squares")).isNull();
	}

	@Test
	void parsedRequestsNameTheirCommand() {
		assertThat(RequestParser.parse("SQUARE 1 2").command()).isEqualTo(Command.SQUARE);
		assertThat(RequestParser.parse("hello you").command()).isEqualTo(Command.HELLO);
		assertThat(RequestParser.parse("PING").command()).isEqualTo(Command.PING);
		assertThat(RequestParser.parse("QUIT").command()).isEqualTo(Command.QUIT);
		assertThat(RequestParser.parse("NOPE").command()).isEqualTo(Command.INVALID);
	}

}
