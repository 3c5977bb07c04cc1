package io.socketcore.tcp.connection;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

import io.socketcore.tcp.ConnectionHeaders;

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
		Map<String, Object> messageHeaders = new HashMap<>(8);
		if (headers != null) {
			messageHeaders.putAll(headers);
		}
		messageHeaders.put(IpHeaders.CONNECTION_ID, connection.getConnectionId());
		messageHeaders.put(MessageHeaders.REPLY_CHANNEL, new ReplySlot());
		if (connection instanceof BatchingTcpNetConnection batching) {
			messageHeaders.put(ConnectionHeaders.EXCHANGE, batching.exchange());
		}
		return new GenericMessage<>(payload, messageHeaders);
	}

	/**
	 * Replies go to the listener's encoder as they are: formatted replies, text or bytes.
	 */
	@Override
	public @Nullable Object fromMessage(Message<?> message) {
		return message.getPayload();
	}

}
