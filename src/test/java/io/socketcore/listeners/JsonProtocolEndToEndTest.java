package io.socketcore.listeners;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON-lines protocol on the default listener: each op, each error, exact numbers,
 * ids of every kind.
 */
class JsonProtocolEndToEndTest extends RunningServerTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "{\"id\":7,\"op\":\"square\",\"numbers\":[1,2,3]}|{\"id\":7,\"result\":[1,4,9]}",
					"{\"id\":\"a\",\"op\":\"hello\",\"name\":\"Ann\"}|{\"id\":\"a\",\"result\":\"Hello, Ann!\"}",
					"{\"op\":\"hello\"}|{\"result\":\"Hello, client!\"}", "{\"op\":\"ping\"}|{\"result\":\"PONG\"}",
					"{\"op\":\"PING\",\"id\":null}|{\"id\":null,\"result\":\"PONG\"}",
					"{\"id\":true,\"op\":\"ping\"}|{\"id\":true,\"result\":\"PONG\"}",
					"{\"id\":1.25,\"op\":\"ping\"}|{\"id\":1.25,\"result\":\"PONG\"}",
					"{\"id\":123456789012345678901234567890,\"op\":\"ping\"}|"
							+ "{\"id\":123456789012345678901234567890,\"result\":\"PONG\"}",
					"{\"id\":\"q\\\"uote\",\"op\":\"ping\"}|{\"id\":\"q\\\"uote\",\"result\":\"PONG\"}",
					"{\"id\":1,\"op\":\"square\",\"numbers\":[99999999999999999999,-3]}|"
							+ "{\"id\":1,\"result\":[9999999999999999999800000000000000000001,9]}",
					"{\"id\":2,\"op\":\"square\",\"numbers\":[1.5,-0.1,2.0]}|{\"id\":2,\"result\":[2.25,0.01,4.0]}",
					"{\"id\":3,\"op\":\"square\",\"numbers\":[]}|{\"id\":3,\"result\":[]}",
					"  {\"op\":\"hello\",\"name\":\"Zoë \\\"Z\\\"\"}|{\"result\":\"Hello, Zoë \\\"Z\\\"!\"}" })
	void answersEachOp(String request, String reply) throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask(request)).isEqualTo(reply);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"{\"id\":7,\"op\":\"square\",\"numbers\":[1,\"x\"]}|"
					+ "{\"id\":7,\"error\":{\"code\":\"BAD_NUMBER\",\"message\":"
					+ "\"'\\\"x\\\"' at position 2 is not a number\"}}",
			"{\"id\":8,\"op\":\"fly\"}|{\"id\":8,\"error\":{\"code\":\"UNKNOWN_COMMAND\",",
			"{\"id\":9,\"numbers\":[1]}|{\"id\":9,\"error\":{\"code\":\"BAD_REQUEST\",",
			"{\"id\":10,\"op\":\"square\",\"numbers\":5}|{\"id\":10,\"error\":{\"code\":\"BAD_REQUEST\",",
			"{\"id\":11,\"op\":\"hello\",\"name\":5}|{\"id\":11,\"error\":{\"code\":\"BAD_REQUEST\",",
			"{\"id\":[1],\"op\":\"ping\"}|{\"error\":{\"code\":\"BAD_REQUEST\",",
			"{not json|{\"error\":{\"code\":\"BAD_JSON\",",
			"{\"op\":\"ping\"} trailing|{\"error\":{\"code\":\"BAD_JSON\",",
			"{\"id\":12,\"op\":\"square\",\"numbers\":[1,2.5e1000000000]}|{\"id\":12,\"error\":{\"code\":\"",
			"{\"id\":13,\"op\":\"square\",\"numbers\":[1e1500]}|{\"id\":13,\"error\":{\"code\":\"NUMBER_TOO_LONG\"," })
	void answersErrorsInJsonAndKeepsTheConnection(String request, String replyStart) throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask(request)).startsWith(replyStart).endsWith("}");
			assertThat(client.ask("{\"op\":\"ping\"}")).isEqualTo("{\"result\":\"PONG\"}");
			assertThat(client.ask("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void tooManyNumbersInJson() throws IOException {
		StringBuilder request = new StringBuilder("{\"id\":\"big\",\"op\":\"square\",\"numbers\":[");
		for (int i = 0; i <= 1_000_000; i++) {
			request.append(i == 0 ? "" : ",").append(i % 10);
		}
		try (LineClient client = connect()) {
			assertThat(client.ask(request.append("]}").toString()))
				.startsWith("{\"id\":\"big\",\"error\":{\"code\":\"TOO_MANY_NUMBERS\",");
		}
	}

	@Test
	void quitInJsonSaysByeAndCloses() throws IOException {
		try (LineClient client = connect()) {
			assertThat(client.ask("{\"id\":99,\"op\":\"quit\"}")).isEqualTo("{\"id\":99,\"result\":\"BYE\"}");
			assertThat(client.serverClosed()).isTrue();
		}
	}

}
