package io.socketcore.tcp;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Builds each request message with only the headers the flow uses: the connection id (to send the reply
 * back), the time the frame was read, the exchange's memory account, and whether the frame
 * arrived without a terminator.
 * <p>
 * The stock mapper adds the peer's address, host name and ports to every message and builds its headers
 * twice; with headers copied again at each step of the flow, that was the largest cost per request in
 * profiles of a pipelining client. The peer's address is still in the connection id and in the logs.
 */
class ListenerMessageMapper extends TcpMessageMapper {

	ListenerMessageMapper() {
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
		messageHeaders.put(ConnectionHeaders.RECEIVED_NANOS, System.nanoTime());
		if (connection instanceof BatchingTcpNetConnection batching) {
			messageHeaders.put(ConnectionHeaders.MEMORY, batching.exchangeAccount());
			if (batching.lastFrameUnterminated()) {
				messageHeaders.put(ConnectionHeaders.UNTERMINATED, true);
			}
		}
		return new GenericMessage<>(payload, messageHeaders);
	}

	/** Replies go to the listener's encoder as they are: formatted replies, text or bytes. */
	@Override
	public @Nullable Object fromMessage(Message<?> message) {
		return message.getPayload();
	}

}
