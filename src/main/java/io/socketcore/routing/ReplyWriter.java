package io.socketcore.routing;

import org.springframework.messaging.MessageHeaders;

import io.socketcore.protocol.Dialect;
import io.socketcore.protocol.JsonRequests;
import io.socketcore.protocol.Reply;
import io.socketcore.protocol.TextReplyFormatter;
import io.socketcore.protocol.WireReply;
import io.socketcore.tcp.ConnectionHeaders;

/**
 * The last stop of every route: records the request in {@code socketcore.requests} and formats the reply
 * line. Done inside each route's handler rather than as one more step after the router, because every step
 * of a flow copies the message's headers, and this path runs once per request.
 */
final class ReplyWriter {

	/** Set on requests that came as JSON: their replies are JSON too. */
	static final String JSON = "socketcore_json";

	/** The JSON request's {@code id}, as JSON text, echoed in the reply. */
	static final String JSON_ID = "socketcore_jsonId";

	private final RequestMetrics metrics;

	ReplyWriter(RequestMetrics metrics) {
		this.metrics = metrics;
	}

	WireReply text(String command, Reply reply, MessageHeaders headers) {
		Long received = headers.get(ConnectionHeaders.RECEIVED_NANOS, Long.class);
		if (received != null) {
			this.metrics.record(command, reply, received);
		}
		return format(reply, headers);
	}

	/** The reply in the dialect its request was asked in. */
	static WireReply format(Reply reply, MessageHeaders headers) {
		if (dialect(headers) == Dialect.JSON) {
			return JsonRequests.format(reply, headers.get(JSON_ID, String.class));
		}
		return TextReplyFormatter.format(reply);
	}

	static Dialect dialect(MessageHeaders headers) {
		return headers.containsKey(JSON) ? Dialect.JSON : Dialect.TEXT;
	}

}
