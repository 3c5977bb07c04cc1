package io.socketcore.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.socketcore.memory.MemoryBudget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An array of integers that ends a JSON request is read from the frame's bytes alone, and
 * read exactly as Jackson's tokens read it: same list, same count, same errors.
 */
class JsonIntegerListTest {

	private static final NumberLimits LIMITS = new NumberLimits(50, 30);

	private final JsonRequests json = new JsonRequests(LIMITS);

	@Test
	void anArrayThatEndsTheRequestIsTakenWithItsCount() {
		String request = "{\"op\":\"square\",\"numbers\":[ 1,-2 ,\t30,0,-0, 99999999999999999999 ] } ";
		JsonIntegerList.Span span = span(request);
		assertThat(span).isNotNull();
		assertThat(span.count()).isEqualTo(6);
		assertThat(span.lineBreaks()).isFalse();
		assertThat(span.text(bytes(request))).isEqualTo("[ 1,-2 ,\t30,0,-0, 99999999999999999999 ]");
		assertThat(span("{\"numbers\":[]}").count()).isZero();
		assertThat(span("{\"numbers\":[ \n ]}").text(bytes("{\"numbers\":[ \n ]}"))).isEqualTo("[   ]");
	}

	@Test
	void lineBreaksBecomeBlanks() {
		String request = "{\"numbers\":[1,\r\n2\n]\n}";
		JsonIntegerList.Span span = span(request);
		assertThat(span.lineBreaks()).isTrue();
		assertThat(span.text(bytes(request))).isEqualTo("[1,  2 ]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1,2],\"id\":1}", "[1,2]}x", "[1,2]", "[1,2]]}", "[1,2}", "[01]}", "[1.5]}", "[1e2]}",
			"[-]}", "[--1]}", "[1,]}", "[,1]}", "[1 2]}", "[+1]}", "[\"1\"]}", "[[1]]}", "[1,2", "[",
			"[1234567890123456789012345678901]}" })
	void anythingElseIsLeftToJackson(String array) {
		assertThat(span("{\"numbers\":" + array)).isNull();
	}

	@Test
	void theLimitsAreTheReadersOwn() {
		assertThat(span("{\"numbers\":[" + "9".repeat(30) + "]}")).isNotNull();
		assertThat(span("{\"numbers\":[-" + "9".repeat(30) + "]}")).as("the sign is no digit").isNotNull();
		assertThat(span("{\"numbers\":[" + "9".repeat(31) + "]}")).isNull();
		assertThat(span("{\"numbers\":[" + "1,".repeat(49) + "1]}")).isNotNull();
		assertThat(span("{\"numbers\":[" + "1,".repeat(50) + "1]}")).isNull();
	}

	/**
	 * Random arrays, valid or broken in one place, read at the end of the request (this
	 * reader) and before another field (Jackson's tokens): the same request each time.
	 */
	@Test
	void readsEveryArrayAsJacksonsTokensDo() {
		Random random = new Random(12);
		String[] blanks = { "", " ", "\t", "\r\n", "  " };
		String[] breaks = { "01", "1.0", "1e1", "-", "+1", "\"1\"", "", "[2]", "null", "1 1", "9".repeat(31) };
		for (int i = 0; i < 2000; i++) {
			List<String> elements = new ArrayList<>();
			int count = random.nextInt(60);
			for (int e = 0; e < count; e++) {
				StringBuilder digits = new StringBuilder().append((random.nextInt(5) == 0) ? 0 : 1 + random.nextInt(9));
				for (int d = random.nextInt(18); digits.charAt(0) != '0' && d > 0; d--) {
					digits.append(random.nextInt(10));
				}
				elements.add(blanks[random.nextInt(blanks.length)] + (random.nextBoolean() ? "-" : "") + digits
						+ blanks[random.nextInt(blanks.length)]);
			}
			if (count > 0 && random.nextInt(3) == 0) {
				elements.set(random.nextInt(count), breaks[random.nextInt(breaks.length)]);
			}
			String array = "[" + String.join(",", elements) + "]";
			Request atTheEnd = parse("{\"op\":\"square\",\"numbers\":" + array + "}");
			Request beforeAnotherField = parse("{\"op\":\"square\",\"numbers\":" + array + ",\"x\":0}");
			assertThat(atTheEnd).as(array).isEqualTo(beforeAnotherField);
		}
	}

	private Request parse(String request) {
		return this.json.parse(bytes(request), new MemoryBudget(1 << 20).account(0)).request();
	}

	private static JsonIntegerList.Span span(String request) {
		byte[] frame = bytes(request);
		return JsonIntegerList.read(frame, request.indexOf('['), LIMITS);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
