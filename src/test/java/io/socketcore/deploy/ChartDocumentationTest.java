package io.socketcore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value of the chart is documented in values.yaml ("# --" comments), and the
 * chart's README lists exactly those values with their defaults and descriptions.
 */
class ChartDocumentationTest {

	private static final Pattern DOC_START = Pattern.compile("^( *)# -- (.*)$");

	private static final Pattern DOC_MORE = Pattern.compile("^( *)# ?(.*)$");

	private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_-]+):.*$");

	private static final String TABLE_HEADER = "| key | default | description |";

	private static final Pattern README_ROW = Pattern.compile("^\\| `([^`]+)` \\| `(.*)` \\| (.*) \\|$");

	@Test
	void everyValueIsDocumented() throws IOException {
		Map<String, String> documented = documentedValues();
		List<String> undocumented = new ArrayList<>();
		collectLeaves("", values(), documented, undocumented);
		assertThat(undocumented).as("values without a '# --' comment on them or a parent").isEmpty();
	}

	/**
	 * The README's table is generated from values.yaml by this test: run it with
	 * {@code -DupdateChartReadme=true} to rewrite the table, e.g.
	 * {@code ./mvnw test -Dtest=ChartDocumentationTest -DupdateChartReadme=true}.
	 */
	@Test
	void readmeListsEveryValueWithItsDefaultAndDescription() throws IOException {
		Map<String, String> expected = new LinkedHashMap<>();
		JsonMapper json = JsonMapper.builder().build();
		Map<String, Object> values = values();
		documentedValues().forEach((key, description) -> expected.put(key,
				"`" + json.writeValueAsString(lookup(values, key)) + "` | " + description));

		Path readme = Chart.DIR.resolve("README.md");
		List<String> lines = Files.readAllLines(readme);
		int header = lines.indexOf(TABLE_HEADER);
		assertThat(header).as("README.md has the value table header %s", TABLE_HEADER).isNotNegative();
		if (Boolean.getBoolean("updateChartReadme")) {
			List<String> updated = new ArrayList<>(lines.subList(0, header + 1));
			updated.add("|---|---|---|");
			expected.forEach((key, rest) -> updated.add("| `" + key + "` | " + rest + " |"));
			int end = header + 1;
			while (end < lines.size() && lines.get(end).startsWith("|")) {
				end++;
			}
			updated.addAll(lines.subList(end, lines.size()));
			Files.write(readme, updated);
			lines = updated;
		}

		Map<String, String> listed = new LinkedHashMap<>();
		for (String line : lines) {
			Matcher row = README_ROW.matcher(line);
			if (row.matches()) {
				listed.put(row.group(1), "`" + row.group(2) + "` | " + row.group(3));
			}
		}
		assertThat(listed)
			.as("README.md's value table; regenerate it: "
					+ "./mvnw test -Dtest=ChartDocumentationTest -DupdateChartReadme=true")
			.containsExactlyEntriesOf(expected);
	}

	/** Keys with a "# --" comment, in file order, with the comment's text. */
	static Map<String, String> documentedValues() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		Deque<Object[]> stack = new ArrayDeque<>();
		List<String> pending = null;
		for (String line : Files.readAllLines(Chart.DIR.resolve("values.yaml"))) {
			Matcher start = DOC_START.matcher(line);
			Matcher more = DOC_MORE.matcher(line);
			Matcher key = KEY.matcher(line);
			if (start.matches()) {
				pending = new ArrayList<>(List.of(start.group(2)));
			}
			else if (more.matches() && pending != null) {
				pending.add(more.group(2));
			}
			else if (key.matches()) {
				int indent = key.group(1).length();
				while (!stack.isEmpty() && (int) stack.peek()[0] >= indent) {
					stack.pop();
				}
				stack.push(new Object[] { indent, key.group(2) });
				if (pending != null) {
					List<String> path = new ArrayList<>();
					stack.descendingIterator().forEachRemaining(entry -> path.add((String) entry[1]));
					documented.put(String.join(".", path), String.join(" ", pending));
				}
				pending = null;
			}
			else if (line.isBlank()) {
				pending = null;
			}
		}
		return documented;
	}

	static Map<String, Object> values() throws IOException {
		return new org.yaml.snakeyaml.Yaml().load(Files.readString(Chart.DIR.resolve("values.yaml")));
	}

	@SuppressWarnings("unchecked")
	private static void collectLeaves(String prefix, Map<String, Object> map, Map<String, String> documented,
			List<String> undocumented) {
		map.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (documented.containsKey(path)) {
				return;
			}
			if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
				collectLeaves(path, (Map<String, Object>) nested, documented, undocumented);
			}
			else {
				undocumented.add(path);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Object lookup(Map<String, Object> values, String path) {
		Object current = values;
		for (String key : path.split("\\.")) {
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

}
