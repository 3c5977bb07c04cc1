package io.socketcore.greeting;

import io.socketcore.protocol.Reply;
import io.socketcore.protocol.Request;

/**
 * Answers {@code HELLO [name]} from a template, as the original server answered
 * {@code Hello, client!}.
 */
public class GreetingService {

	private final String template;

	private final String defaultName;

	public GreetingService(String template, String defaultName) {
		this.template = template;
		this.defaultName = defaultName;
	}

	public Reply greet(Request.Hello hello) {
		return Reply.success(greeting(hello.name()));
	}

	public String greeting(String name) {
		return this.template.replace("{name}", (name != null) ? name : this.defaultName);
	}

}
