package io.socketcore.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.socketcore.memory.MemoryBudget;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON dialect's streaming reader: exact numbers, sizes checked before the work they
 * cost, ids echoed.
 */
class JsonRequestsTest {

	private final JsonRequests json = new JsonRequests(new NumberLimits(1000, 1000));

	private final MemoryBudget budget = new MemoryBudget(64 << 20);

	private final MemoryBudget.Account account = this.budget.account(0);

	@Test
	void numbersBecomeExactTextWithTheirValueAndKind() {
		Random random = new Random(7);
		List<String> numbers = new ArrayList<>(List.of("0", "-0", "7", "-12", "99999999999999999999", "1.5", "-0.1",
				"2.0", "1.50", "1e2", "1E+2", "1.5e1", "0.001", "1e-3", "-2.5E-7", "123.456e2", "123.456e-5", "0e10",
				"0.0e-9", "10.5", "100e2", "0.05", "5e0"));
		for (int i = 0; i < 200; i++) {
			String mantissa = random.nextInt(100000) + (random.nextBoolean() ? "." + random.nextInt(1000) : "");
			numbers.add((random.nextBoolean() ? "-" : "") + mantissa + "e" + (random.nextInt(40) - 20));
		}
		String request = "{\"op\":\"square\",\"numbers\":[" + String.join(",", numbers) + "]}";
		Request.Square square = (Request.Square) parse(request).request();
		String[] tokens = tokens(square.numbers());
		assertThat(tokens).hasSameSizeAs(numbers);
		for (int i = 0; i < tokens.length; i++) {
			String original = numbers.get(i);
			assertThat(new BigDecimal(tokens[i])).as("%s -> %s", original, tokens[i])
				.isEqualByComparingTo(new BigDecimal(original));
			boolean decimal = original.contains(".") || original.contains("e") || original.contains("E");
			assertThat(tokens[i].contains(".")).as("%s -> %s keeps its kind", original, tokens[i]).isEqualTo(decimal);
			assertThat(tokens[i]).matches("-?[0-9]+(\\.[0-9]+)?");
		}
	}

	@Test
	void anArrayOfIntegersIsTakenAsItStandsInTheFrameWithLineBreaksAsBlanks() {
		Request.Square square = (Request.Square) parse(
				"{\"op\":\"square\",\"numbers\":[1, -2,\r\n\t30,0,-0, 99999999999999999999 ],\"id\":1}")
			.request();
		assertThat(square.numbers()).isEqualTo("[1, -2,  \t30,0,-0, 99999999999999999999 ]");
		assertThat(tokens(square.numbers())).containsExactly("1", "-2", "30", "0", "-0", "99999999999999999999");
		assertThat(square.counted()).as("counted against max-numbers as it was read").isTrue();
		assertThat(((Request.Square) parse("{\"op\":\"square\",\"numbers\":[]}").request()).numbers()).isEqualTo("[]");
	}

	@Test
	void theFirstNumberThatIsNoIntegerKeepsTheIntegersBeforeIt() {
		Request.Square square = (Request.Square) parse("{\"op\":\"square\",\"numbers\":[1,\n2 ,1.5,3,2e1]}").request();
		assertThat(tokens(square.numbers())).containsExactly("1", "2", "1.5", "3", "20.0");
		assertThat(square.numbers()).doesNotContain("\n");
		assertThat(square.counted()).isTrue();
	}

	@Test
	void theLastNumbersFieldCountsWhicheverWayTheOneBeforeWasRead() {
		assertThat(tokens(((Request.Square) parse("{\"op\":\"square\",\"numbers\":[1,2],\"numbers\":[3.5]}").request())
			.numbers())).containsExactly("3.5");
		assertThat(tokens(((Request.Square) parse("{\"op\":\"square\",\"numbers\":[1.5],\"numbers\":[2,3]}").request())
			.numbers())).containsExactly("2", "3");
	}

	@Test
	void integersTakenAsTheyStandAreCheckedInTheOrderOfTheArray() {
		String tooLong = "9".repeat(1001);
		assertThat(parse("{\"op\":\"square\",\"numbers\":[1,-" + tooLong + ",\"x\"]}").request())
			.isEqualTo(new Request.Invalid(ErrorCode.NUMBER_TOO_LONG,
					"the number at position 2 has 1001 digits; the limit is 1000"));
		assertThat(((Request.Invalid) parse("{\"op\":\"square\",\"numbers\":[1,2,\"x\",3]}").request()).message())
			.isEqualTo("'\"x\"' at position 3 is not a number");
	}

	@Test
	void integersTakenAsTheyStandAreChargedToTheBudget() {
		byte[] frame = ("{\"op\":\"square\",\"numbers\":[" + "1,".repeat(999) + "1]}").getBytes(StandardCharsets.UTF_8);
		MemoryBudget twoFrames = new MemoryBudget(3L * frame.length);
		JsonRequests.JsonRequest parsed = this.json.parse(frame, twoFrames.account(0));
		assertThat(((Request.Invalid) parsed.request()).code()).isEqualTo(ErrorCode.BUSY);
		assertThat(twoFrames.refusals(MemoryBudget.Use.REQUEST)).isEqualTo(1);
		assertThat(this.json.parse(frame, new MemoryBudget(5L * frame.length).account(0)).request())
			.isInstanceOf(Request.Square.class);
	}

	/** The numbers of a text-protocol list, without its brackets and separators. */
	private static String[] tokens(String list) {
		return list.replace('[', ' ').replace(']', ' ').strip().split("[ ,\t]+");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2.5e1000000000", "1e-1000000000", "1E+99999999999999999999999",
			"-9.99e999999999", "1e1000", "1e-1000" })
	void hugeExponentsAreTooLongWithoutBeingExpanded(String number) {
		JsonRequests.JsonRequest parsed = parse("{\"id\":3,\"op\":\"square\",\"numbers\":[1," + number + "]}");
		assertThat(((Request.Invalid) parsed.request()).code()).isEqualTo(ErrorCode.NUMBER_TOO_LONG);
		assertThat(((Request.Invalid) parsed.request()).message()).startsWith("the number at position 2 has ");
		assertThat(parsed.id()).isEqualTo("3");
		assertThat(this.account.held()).as("nothing proportional to the exponent was held").isLessThan(16_384);
	}

	@Test
	void numbersOfTheDigitLimitPassAndOneMoreIsTooLong() {
		String limit = "9".repeat(1000);
		assertThat(parse("{\"op\":\"square\",\"numbers\":[" + limit + "]}").request())
			.isInstanceOf(Request.Square.class);
		assertThat(parse("{\"op\":\"square\",\"numbers\":[1" + limit + "]}").request()).isEqualTo(new Request.Invalid(
				ErrorCode.NUMBER_TOO_LONG, "the number at position 1 has 1001 digits; the limit is 1000"));
		assertThat(parse("{\"op\":\"square\",\"numbers\":[1," + "9".repeat(5000) + "]}").request())
			.as("Jackson stops reading a number far over the limit")
			.isEqualTo(new Request.Invalid(ErrorCode.NUMBER_TOO_LONG,
					"the number at position 2 has more than 1000 digits; the limit is 1000"));
		assertThat(parse("{\"op\":\"square\",\"numbers\":[" + "9".repeat(600) + "." + "9".repeat(401) + "]}").request())
			.isEqualTo(new Request.Invalid(ErrorCode.NUMBER_TOO_LONG,
					"the number at position 1 has 1001 digits; the limit is 1000"));
	}

	@Test
	void tooManyNumbersStopTheReadingAtTheFirstOneTooMany() {
		String request = "{\"op\":\"square\",\"numbers\":[" + "1,".repeat(1000) + "1],\"id\":\"late\"}";
		JsonRequests.JsonRequest parsed = parse(request);
		assertThat(((Request.Invalid) parsed.request()).code()).isEqualTo(ErrorCode.TOO_MANY_NUMBERS);
		assertThat(parsed.id()).as("what follows the list is still read").isEqualTo("\"late\"");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "7|7", "\"a\"|\"a\"", "null|null", "true|true", "1.25|1.25",
					"123456789012345678901234567890|123456789012345678901234567890", "\"q\\\"uote\"|\"q\\\"uote\"",
					"2.5e1000000000|2.5e1000000000" })
	void idsAreEchoedAsTheirJsonText(String id, String echoed) {
		assertThat(parse("{\"id\":" + id + ",\"op\":\"ping\"}").id()).isEqualTo(echoed);
	}

	@Test
	void idsThatAreNoScalarOrTooLongAreBadRequests() {
		for (String id : List.of("[1]", "{\"a\":1}", "\"" + "i".repeat(300) + "\"")) {
			JsonRequests.JsonRequest parsed = parse("{\"id\":" + id + ",\"op\":\"ping\"}");
			assertThat(((Request.Invalid) parsed.request()).code()).isEqualTo(ErrorCode.BAD_REQUEST);
			assertThat(parsed.id()).isNull();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{oops|BAD_JSON", "{\"op\":\"ping\"} trailing|BAD_JSON", "{\"op\":\"ping\"} {}|BAD_JSON",
					"{\"numbers\":[1]}|BAD_REQUEST", "{\"op\":\"square\"}|BAD_REQUEST",
					"{\"op\":\"square\",\"numbers\":5}|BAD_REQUEST", "{\"op\":\"hello\",\"name\":5}|BAD_REQUEST",
					"{\"op\":\"fly\"}|UNKNOWN_COMMAND", "{\"op\":\"square\",\"numbers\":[1,\"x\"]}|BAD_NUMBER",
					"{\"op\":\"square\",\"numbers\":[1,[2]]}|BAD_NUMBER" })
	void badRequestsGetTheirCode(String request, ErrorCode code) {
		assertThat(((Request.Invalid) parse(request).request()).code()).isEqualTo(code);
	}

	@Test
	void deepNestingIsRefusedAtItsLimit() {
		String deep = "{\"op\":\"ping\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
		assertThat(((Request.Invalid) parse(deep).request()).code()).isEqualTo(ErrorCode.BAD_JSON);
		String shallow = "{\"op\":\"ping\",\"x\":" + "[".repeat(60) + "]".repeat(60) + "}";
		assertThat(parse(shallow).request()).isEqualTo(new Request.Ping());
	}

	@Test
	void exponentsThatWouldExpandBeyondTheBudgetAreBusy() {
		MemoryBudget small = new MemoryBudget(1 << 20);
		String request = "{\"op\":\"square\",\"numbers\":[" + "1e998,".repeat(999) + "1]}";
		JsonRequests.JsonRequest parsed = this.json.parse(request.getBytes(StandardCharsets.UTF_8), small.account(0));
		assertThat(((Request.Invalid) parsed.request()).code()).isEqualTo(ErrorCode.BUSY);
		assertThat(small.refusals(MemoryBudget.Use.REQUEST)).isEqualTo(1);
	}

	@Test
	void repliesAreJsonLines() {
		assertThat(JsonRequests.format(Reply.squares(List.of("1,4", "9")), "7"))
			.hasToString("{\"id\":7,\"result\":[1,4,9]}");
		assertThat(JsonRequests.format(Reply.squares(List.of()), null)).hasToString("{\"result\":[]}");
		assertThat(JsonRequests.format(Reply.success("Hello, \"Ann\"!"), null))
			.hasToString("{\"result\":\"Hello, \\\"Ann\\\"!\"}");
		assertThat(JsonRequests.format(Reply.failure(ErrorCode.BUSY, "later"), "\"a\""))
			.hasToString("{\"id\":\"a\",\"error\":{\"code\":\"BUSY\",\"message\":\"later\"}}");
	}

	private JsonRequests.JsonRequest parse(String request) {
		return this.json.parse(request.getBytes(StandardCharsets.UTF_8), this.account);
	}

}
