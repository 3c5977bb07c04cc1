package io.socketcore.hardening;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of bad input gets its defined error, and the same connection goes on working.
 */
class BadBytesEndToEndTest extends RunningServerTest {

	static Object[][] badInputs() {
		return new Object[][] { { "invalid UTF-8", bytes('S', 'Q', 0xC3, 0x28), "ERR BAD_ENCODING " },
				{ "overlong UTF-8", bytes('A', 0xC0, 0xAF), "ERR BAD_ENCODING " },
				{ "NUL byte", bytes('P', 0, 'I', 'N', 'G'), "ERR BAD_CHARACTER control character U+0000 at column 2" },
				{ "escape sequence", ascii("\u001b[2JHELLO"),
						"ERR BAD_CHARACTER control character U+001B at column 1" },
				{ "lone CR", ascii("PING\rPING"), "ERR BAD_CHARACTER control character U+000D at column 5" },
				{ "empty line", ascii(""), "ERR EMPTY_REQUEST " }, { "CR only", ascii("\r"), "ERR EMPTY_REQUEST " },
				{ "blanks only", ascii(" \t "), "ERR EMPTY_REQUEST " },
				{ "10,000 digits", ascii("SQUARE " + "7".repeat(10_000)),
						"ERR NUMBER_TOO_LONG the number at position 1 has 10000 digits; the limit is 1000" },
				{ "exponent", ascii("SQUARE 1e999"), "ERR BAD_NUMBER '1e999' at position 1" },
				{ "NaN", ascii("SQUARE NaN"), "ERR BAD_NUMBER 'NaN' at position 1" },
				{ "infinity", ascii("SQUARE 2 inf"), "ERR BAD_NUMBER 'inf' at position 2" },
				{ "double sign", ascii("SQUARE --5"), "ERR BAD_NUMBER '--5' at position 1" },
				{ "hex", ascii("SQUARE 0x10"), "ERR BAD_NUMBER '0x10' at position 1" },
				{ "a million commas", ascii("SQUARE " + ",".repeat(1_000_000)),
						"ERR BAD_NUMBER empty number at position 1" },
				{ "commas between numbers", ascii("SQUARE 1" + ",".repeat(1000) + "2"),
						"ERR BAD_NUMBER empty number at position 2" },
				{ "unknown binary", bytes(0x7F, 'x'), "ERR BAD_CHARACTER " },
				{ "unknown command", ascii("DROP TABLE squares;"), "ERR UNKNOWN_COMMAND 'DROP TABLE squares;'" } };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInputs")
	void badInputGetsItsErrorAndTheConnectionGoesOn(String name, byte[] line, String expected) throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("PING")).isEqualTo("PONG");
			byte[] framed = new byte[line.length + 1];
			System.arraycopy(line, 0, framed, 0, line.length);
			framed[line.length] = '\n';
			client.sendRaw(framed);
			assertThat(client.readLine()).startsWith(expected).hasSizeLessThan(300);
			assertThat(client.ask("SQUARE 1 2 3")).isEqualTo("[1, 4, 9]");
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
