package io.socketcore.tcp.connection;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import io.socketcore.tcp.ConnectionHeaders;
import io.socketcore.tcp.Exchange;

/**
 * Builds each request message with only the headers the flow uses: the connection id (to
 * send the reply back), the {@link ReplySlot} the flow replies to, and the
 * {@link io.socketcore.tcp.Exchange} (its memory account, its client's presence, when it
 * was read, whether it arrived without a terminator).
 * <p>
 * The stock mapper adds the peer's address, host name and ports to every message and
 * builds its headers twice; with headers copied again at each step of the flow, that was
 * the largest cost per request in profiles of a pipelining client. The peer's address is
 * still in the connection id and in the logs.
 */
public class ListenerMessageMapper extends TcpMessageMapper {

	public ListenerMessageMapper() {
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Object payload = connection.getPayload();
		if (payload == null) {
			return null;
		}
		Exchange exchange = (connection instanceof BatchingTcpNetConnection batching) ? batching.exchange() : null;
		return new GenericMessage<>(payload,
				new RequestHeaders(headers, connection.getConnectionId(), new ReplySlot(), exchange));
	}

	/**
	 * A request message as this mapper builds it, for a frame read elsewhere (the flow's
	 * benchmark); its reply is left in the message's {@link ReplySlot}.
	 */
	public static Message<?> request(Object payload, String connectionId, Exchange exchange) {
		return new GenericMessage<>(payload, new RequestHeaders(null, connectionId, new ReplySlot(), exchange));
	}

	/**
	 * A request's headers, built once and shared by every message of its exchange: no
	 * message id nor timestamp (nothing reads them, and the id counter is shared by every
	 * connection's thread), and no copy of a map built first.
	 */
	private static final class RequestHeaders extends MessageHeaders {

		RequestHeaders(@Nullable Map<String, Object> headers, String connectionId, ReplySlot replySlot,
				@Nullable Exchange exchange) {
			super(null, ID_VALUE_NONE, -1L);
			Map<String, Object> raw = getRawHeaders();
			if (headers != null) {
				raw.putAll(headers);
			}
			raw.put(IpHeaders.CONNECTION_ID, connectionId);
			raw.put(REPLY_CHANNEL, replySlot);
			if (exchange != null) {
				raw.put(ConnectionHeaders.EXCHANGE, exchange);
			}
		}

	}

	/**
	 * Replies go to the listener's encoder as they are: formatted replies, text or bytes.
	 */
	@Override
	public @Nullable Object fromMessage(Message<?> message) {
		return message.getPayload();
	}

}
