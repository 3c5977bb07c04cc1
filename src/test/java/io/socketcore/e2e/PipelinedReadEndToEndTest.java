package io.socketcore.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that arrive in one read travel the flow together: each is still answered as if
 * it had come alone, in order, in its own dialect and line ending, up to QUIT or a frame
 * the framing rejects.
 */
@TestPropertySource(properties = "socketcore.tcp.max-line-bytes=100")
class PipelinedReadEndToEndTest extends RunningServerTest {

	@Test
	void eachRequestOfOneReadIsAnsweredInItsDialectAndLineEnding() throws IOException {
		try (LineClient client = connect()) {
			client.sendRaw(("HELLO Ann\r\n{\"id\":1,\"op\":\"ping\"}\nSQUARE 2 3\r\nBOGUS\n"
					+ "{\"id\":\"q\",\"op\":\"square\",\"numbers\":[4]}\r\nPING\n")
				.getBytes(StandardCharsets.US_ASCII));
			String expected = "Hello, Ann!\r\n{\"id\":1,\"result\":\"PONG\"}\n[4, 9]\r\n"
					+ "ERR UNKNOWN_COMMAND 'BOGUS'; known commands: HELLO, SQUARE, PING, QUIT\n"
					+ "{\"id\":\"q\",\"result\":[16]}\r\nPONG\n";
			assertThat(readBytes(client.socket().getInputStream(), expected.length())).isEqualTo(expected);
		}
	}

	@Test
	void quitInTheMiddleOfAReadIsTheLastRequestAnswered() throws IOException {
		try (LineClient client = connect()) {
			client.sendRaw("PING\nQUIT\nPING\nHELLO\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = client.socket().getInputStream();
			assertThat(readBytes(in, "PONG\nBYE\n".length())).isEqualTo("PONG\nBYE\n");
			assertThat(in.read()).as("end of stream after BYE").isEqualTo(-1);
		}
	}

	@Test
	void aRejectedFrameInAReadIsRejectedAfterTheRequestsBeforeItAreAnswered() throws IOException {
		try (LineClient client = connect()) {
			client.sendRaw(
					("PING\nHELLO Bo\nSQUARE " + "1 ".repeat(100) + "\nPING\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLine()).isEqualTo("PONG");
			assertThat(client.readLine()).isEqualTo("Hello, Bo!");
			assertThat(client.readLine()).startsWith("ERR FRAME_TOO_LARGE ");
			assertThat(client.serverClosed()).isTrue();
		}
	}

	@Test
	void everyRequestOfAReadIsCounted() throws IOException {
		double before = management().metric("socketcore.requests", "COUNT", "command:PING");
		try (LineClient client = connect()) {
			client.sendRaw("PING\n".repeat(50).getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readLines(50)).containsOnly("PONG");
		}
		assertThat(management().metric("socketcore.requests", "COUNT", "command:PING")).isEqualTo(before + 50);
	}

	private static String readBytes(InputStream in, int count) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (bytes.size() < count) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			bytes.write(b);
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}

}
