package io.socketcore.tcp.connection;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * The reply channel of one request message: holds the one reply the flow sends for it.
 * The flow runs on the connection's thread (the {@code requests} channel is direct), so
 * the reply is here when sending the request returns, and the gateway takes it without a
 * temporary channel, a latch or copies of the request's headers.
 */
public final class ReplySlot implements MessageChannel {

	private @Nullable Message<?> reply;

	@Override
	public boolean send(Message<?> message, long timeout) {
		if (this.reply != null) {
			return false;
		}
		this.reply = message;
		return true;
	}

	/** The reply the flow sent, if it sent one. */
	public @Nullable Message<?> reply() {
		return this.reply;
	}

}
