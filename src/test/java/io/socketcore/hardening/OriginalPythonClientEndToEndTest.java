package io.socketcore.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients written for the original Python server send one message with no terminator,
 * wait for the answer ({@code s.send(b'hello'); print(s.recv(1024))}) and expect the
 * server to close, as it did. They are greeted; a command without its terminator may have
 * been cut by the network, and is never executed.
 */
class OriginalPythonClientEndToEndTest extends RunningServerTest {

	private static final String INCOMPLETE = "the request ended without its terminator and no more came: it may have "
			+ "been cut, so nothing was computed; end every request with a line feed";

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "hello|Hello, client!", "Hello, server!|Hello, client!",
			"anything at all|Hello, client!", "SQUARE 1 2 3|ERR INCOMPLETE_REQUEST " + INCOMPLETE,
			"HELLO Ann|ERR INCOMPLETE_REQUEST " + INCOMPLETE, "PING|ERR INCOMPLETE_REQUEST " + INCOMPLETE,
			"{\"op\":\"ping\"}|{\"error\":{\"code\":\"INCOMPLETE_REQUEST\",\"message\":\"" + INCOMPLETE + "\"}}" })
	void unterminatedMessageIsAnsweredThenTheConnectionCloses(String message, String reply) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", tcpPort())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
			InputStream in = socket.getInputStream();
			// Like the original: the reply has no terminator, and the end of stream
			// follows it.
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(reply);
		}
	}

	/**
	 * A first line longer than any message of the original server's clients is waited
	 * for, however long its client pauses (a retransmission, a garbage collection).
	 */
	@Test
	void aLongFirstLineThatPausesIsNotCut() throws Exception {
		String numbers = " 7".repeat(1000);
		try (Socket socket = new Socket("127.0.0.1", tcpPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("SQUARE" + numbers).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// the pause is what is tested: three times the unterminated timeout
			Thread.sleep(300);
			out.write(" 8\nQUIT\n".getBytes(StandardCharsets.US_ASCII));
			String squares = "49, ".repeat(1000);
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.isEqualTo("[" + squares + "64]\nBYE\n");
		}
	}

}
