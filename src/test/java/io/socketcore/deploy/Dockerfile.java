package io.socketcore.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of the repository's Dockerfile that the chart and the application must
 * agree with.
 *
 * @param exposedPorts the ports of every EXPOSE
 * @param user the USER of the last stage
 * @param entrypoint the ENTRYPOINT as written
 * @param baseImage the default of ARG BASE_IMAGE
 */
record Dockerfile(List<Integer> exposedPorts, String user, String entrypoint, String baseImage) {

	static final Path PATH = Path.of("Dockerfile");

	static Dockerfile read() throws IOException {
		List<Integer> exposed = new ArrayList<>();
		String user = null;
		String entrypoint = null;
		String baseImage = null;
		// Continuation lines joined, comments dropped.
		String text = Files.readString(PATH).replaceAll("(?m)^\\s*#.*\\n", "").replace("\\\n", " ");
		for (String line : text.lines().map(String::strip).toList()) {
			String[] words = line.split("\\s+", 2);
			String instruction = words[0].toUpperCase(java.util.Locale.ROOT);
			String rest = (words.length > 1) ? words[1].strip() : "";
			switch (instruction) {
				case "EXPOSE" -> {
					for (String port : rest.split("\\s+")) {
						exposed.add(Integer.parseInt(port.replace("/tcp", "")));
					}
				}
				case "USER" -> user = rest;
				case "ENTRYPOINT" -> entrypoint = rest;
				case "ARG" -> {
					Matcher matcher = Pattern.compile("BASE_IMAGE=(\\S+)").matcher(rest);
					if (matcher.matches()) {
						baseImage = matcher.group(1);
					}
				}
				default -> {
				}
			}
		}
		return new Dockerfile(exposed, user, entrypoint, baseImage);
	}

	/** The numeric uid of USER; fails when USER is missing or not numeric. */
	int uid() {
		if (this.user == null || !this.user.matches("\\d+(:\\d+)?")) {
			throw new AssertionError("the Dockerfile's USER must be numeric (uid[:gid]), is " + this.user);
		}
		return Integer.parseInt(this.user.split(":")[0]);
	}

}
