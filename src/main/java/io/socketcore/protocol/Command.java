package io.socketcore.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a request asks for. The one place for the protocol's words: the text protocol's
 * command word ({@link #name()}), the JSON protocol's {@code op} ({@link #op()}), the
 * router's keys and the {@code command} tag of {@code socketcore.requests}.
 */
public enum Command {

	HELLO, SQUARE, PING, QUIT,
	/**
	 * Not a command a client sends: a frame that is no request, answered with its error.
	 */
	INVALID;

	private static final List<Command> SENT_BY_CLIENTS = Arrays.stream(values()).filter(c -> c != INVALID).toList();

	private static final String WORDS = SENT_BY_CLIENTS.stream().map(Command::name).collect(Collectors.joining(", "));

	private static final String OPS = SENT_BY_CLIENTS.stream().map(c -> c.op).collect(Collectors.joining(", "));

	private final String op = name().toLowerCase(Locale.ROOT);

	/** The word of this command in a JSON request's {@code op}. */
	public String op() {
		return this.op;
	}

	/** The command whose JSON {@code op} this is (any case), or null. */
	public static Command ofOp(String op) {
		for (Command command : SENT_BY_CLIENTS) {
			if (command.op.equalsIgnoreCase(op)) {
				return command;
			}
		}
		return null;
	}

	/** {@code HELLO, SQUARE, PING, QUIT}: for error messages. */
	public static String words() {
		return WORDS;
	}

	/** {@code hello, square, ping, quit}: for JSON error messages. */
	public static String ops() {
		return OPS;
	}

	/** Commands clients send, in the order error messages list them. */
	public static List<Command> sentByClients() {
		return SENT_BY_CLIENTS;
	}

}
