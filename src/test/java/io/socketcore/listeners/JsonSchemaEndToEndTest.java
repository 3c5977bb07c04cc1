package io.socketcore.listeners;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas of the JSON-lines protocol ({@code docs/json-request.schema.json},
 * {@code docs/json-reply.schema.json}) describe what the running server takes and gives:
 * the requests they admit are answered, every reply of the server (results and each kind
 * of error) is one the reply schema admits, and the error codes it lists are exactly
 * {@link ErrorCode}'s.
 */
class JsonSchemaEndToEndTest extends RunningServerTest {

	/** Exact numbers, as the server reads them: no double to overflow. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.build();

	private static final List<String> VALID_REQUESTS = List.of("{\"id\":7,\"op\":\"square\",\"numbers\":[1,2,3]}",
			"{\"id\":\"a\",\"op\":\"hello\",\"name\":\"Ann\"}", "{\"op\":\"hello\",\"name\":null}", "{\"op\":\"PING\"}",
			"{\"id\":null,\"op\":\"ping\",\"extra\":{\"ignored\":true}}",
			"{\"id\":1.25,\"op\":\"square\",\"numbers\":[99999999999999999999,1.5,-2e3]}",
			"{\"id\":3,\"op\":\"square\",\"numbers\":[]}", "{\"op\":\"square\",\"numbers\":[1e1500]}",
			"{\"op\":\"square\",\"numbers\":[" + "1,".repeat(1_000_000) + "1]}");

	private static final List<String> INVALID_REQUESTS = List.of("{\"numbers\":[1]}", "{\"op\":\"fly\"}",
			"{\"op\":\"square\"}", "{\"op\":\"square\",\"numbers\":[1,\"x\"]}", "{\"op\":\"hello\",\"name\":5}",
			"{\"id\":[1],\"op\":\"ping\"}", "{\"op\":5}");

	@Test
	void requestsTheSchemaAdmitsAreAnsweredAndEveryReplyFitsTheReplySchema() throws IOException {
		Schema requests = schema("json-request.schema.json");
		Schema replies = schema("json-reply.schema.json");
		List<String> asked = new ArrayList<>();
		for (String request : VALID_REQUESTS) {
			assertThat(requests.validate(JSON.readTree(request))).as("schema errors of %s", shorten(request)).isEmpty();
			asked.add(request);
		}
		for (String request : INVALID_REQUESTS) {
			assertThat(requests.validate(JSON.readTree(request))).as("schema errors of %s", request).isNotEmpty();
			asked.add(request);
		}
		asked.addAll(
				List.of("{oops", "{\"op\":\"ping\"} trailing", "{\"id\":\"" + "i".repeat(300) + "\",\"op\":\"ping\"}"));
		try (LineClient client = connect()) {
			for (String request : asked) {
				JsonNode reply = JSON.readTree(client.ask(request));
				assertThat(replies.validate(reply)).as("schema errors of the reply %s to %s", reply, shorten(request))
					.isEmpty();
				if (VALID_REQUESTS.contains(request)) {
					assertThat(reply.has("result") || reply.at("/error/code").asString().equals("NUMBER_TOO_LONG")
							|| reply.at("/error/code").asString().equals("TOO_MANY_NUMBERS"))
						.as("%s answered with a result or a server limit: %s", shorten(request), reply)
						.isTrue();
				}
			}
		}
		assertThat(
				replies.validate(JSON.readTree("{\"result\":[1,4],\"error\":{\"code\":\"BUSY\",\"message\":\"x\"}}")))
			.as("a reply with both a result and an error")
			.isNotEmpty();
	}

	@Test
	void theReplySchemaListsEveryErrorCodeAndNoOther() throws IOException {
		JsonNode schema = JSON.readTree(Files.readString(Path.of("docs", "json-reply.schema.json")));
		List<String> codes = new ArrayList<>();
		schema.at("/properties/error/properties/code/enum").forEach(code -> codes.add(code.asString()));
		assertThat(codes).containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
	}

	private static Schema schema(String file) throws IOException {
		try (InputStream in = Files.newInputStream(Path.of("docs", file))) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
		}
	}

	private static String shorten(String request) {
		return request.length() > 80 ? request.substring(0, 80) + "..." : request;
	}

}
