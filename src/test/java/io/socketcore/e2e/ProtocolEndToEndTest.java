package io.socketcore.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol v1 over a real socket: every command, every error code of the core service,
 * and that an error never costs the connection.
 */
class ProtocolEndToEndTest extends RunningServerTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "HELLO|Hello, client!", "hello Ann|Hello, Ann!", "SQUARE 1 2 3|[1, 4, 9]",
			"SQUARE 1 2 3 4 5|[1, 4, 9, 16, 25]", "square [1, 2, 3]|[1, 4, 9]",
			"SQUARE 99999999999999999999|[9999999999999999999800000000000000000001]", "SQUARE -7 -0|[49, 0]",
			"SQUARE 1.5 -0.1|[2.25, 0.01]", "SQUARE 1,2, 3 ,4|[1, 4, 9, 16]", "SQUARE|[]", "PING|PONG", "Ping|PONG" })
	void answersEachCommand(String request, String reply) throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask(request)).isEqualTo(reply);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "SQUARE 1 two 3|ERR BAD_NUMBER 'two' at position 2",
			"SQUARE 1e999|ERR BAD_NUMBER '1e999' at position 1", "SQUARE NaN|ERR BAD_NUMBER 'NaN' at position 1",
			"SQUARE --5|ERR BAD_NUMBER '--5' at position 1", "FETCH everything|ERR UNKNOWN_COMMAND 'FETCH everything'",
			"' '|ERR EMPTY_REQUEST ", "''|ERR EMPTY_REQUEST " })
	void answersErrorsAndKeepsTheConnection(String request, String replyStart) throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask(request)).startsWith(replyStart);
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void numberTooLongAndTooManyNumbers() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("SQUARE 1 " + "9".repeat(10_000))).startsWith("ERR NUMBER_TOO_LONG ")
				.contains("position 2")
				.hasSizeLessThan(200);
			assertThat(client.ask("SQUARE " + "1 ".repeat(1_000_001))).startsWith("ERR TOO_MANY_NUMBERS ");
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void badBytesGetTheirOwnErrors() throws IOException {
		try (LineClient client = connect()) {
			client.sendRaw(new byte[] { 'H', 'I', (byte) 0xC3, 0x28, '\n' });
			assertThat(client.readLine()).startsWith("ERR BAD_ENCODING ");
			client.sendRaw("PI\0NG\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLine()).startsWith("ERR BAD_CHARACTER ");
			client.sendRaw("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLine()).isEqualTo("PONG");
			client.sendRaw("PI\rNG\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLine()).startsWith("ERR BAD_CHARACTER ");
			assertThat(client.ask("HELLO")).isEqualTo("Hello, client!");
		}
	}

	@Test
	void quitSaysByeAndCloses() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("QUIT")).isEqualTo("BYE");
			assertThat(client.serverClosed()).isTrue();
		}
	}

	@Test
	void pipelinedRequestsAreAnsweredInOrder() throws IOException {
		try (LineClient client = connect()) {
			StringBuilder batch = new StringBuilder();
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				switch (i % 4) {
					case 0 -> {
						batch.append("SQUARE ").append(i).append(' ').append(-i).append('\n');
						expected.add("[" + (long) i * i + ", " + (long) i * i + "]");
					}
					case 1 -> {
						batch.append("HELLO n").append(i).append('\n');
						expected.add("Hello, n" + i + "!");
					}
					case 2 -> {
						batch.append("PING\n");
						expected.add("PONG");
					}
					default -> {
						batch.append("SQUARE x").append(i).append('\n');
						expected.add("ERR BAD_NUMBER 'x" + i + "' at position 1 is not a number "
								+ "(expected an integer or decimal such as 12, -7 or 1.5)");
					}
				}
			}
			client.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
			assertThat(client.readLines(1000)).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void halfClosedClientStillGetsItsReplies() throws IOException {
		try (LineClient client = connect()) {
			client.sendRaw("PING\nSQUARE 3\nHELLO".getBytes(StandardCharsets.US_ASCII));
			client.socket().shutdownOutput();
			assertThat(client.readLines(3)).containsExactly("PONG", "[9]", "Hello, client!");
			assertThat(client.serverClosed()).isTrue();
		}
	}

}
