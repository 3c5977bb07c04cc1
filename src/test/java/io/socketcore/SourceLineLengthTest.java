package io.socketcore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java line within 120 columns (a tab counts 4, as the formatter counts it):
 * spring-javaformat wraps code there but leaves long string literals and comments alone,
 * so this test catches what it cannot.
 */
class SourceLineLengthTest {

	private static final int MAX_COLUMNS = 120;

	private static final List<Path> ROOTS = List.of(Path.of("src"), Path.of("examples/java/src"));

	@Test
	void noJavaLineIsLongerThan120Columns() throws IOException {
		List<String> tooLong = new ArrayList<>();
		for (Path root : ROOTS) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					List<String> lines = Files.readAllLines(file);
					for (int i = 0; i < lines.size(); i++) {
						int columns = columns(lines.get(i));
						if (columns > MAX_COLUMNS) {
							tooLong.add(file + ":" + (i + 1) + " (" + columns + " columns)");
						}
					}
				}
			}
		}
		assertThat(tooLong).isEmpty();
	}

	@Test
	void aTabCountsFourColumns() {
		assertThat(columns("\t\tab")).isEqualTo(10);
		assertThat(columns("a\tb")).isEqualTo(5);
	}

	private static int columns(String line) {
		int columns = 0;
		for (int i = 0; i < line.length(); i++) {
			columns = (line.charAt(i) == '\t') ? (columns / 4 + 1) * 4 : columns + 1;
		}
		return columns;
	}

}
