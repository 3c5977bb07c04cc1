package io.socketcore.tcp;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;

/**
 * Adds to each request the listener it came from and whether it arrived without a terminator.
 */
class ListenerMessageMapper extends TcpMessageMapper {

	private final String listener;

	ListenerMessageMapper(String listener) {
		this.listener = listener;
	}

	@Override
	protected @Nullable Map<String, ?> supplyCustomHeaders(TcpConnection connection) {
		long received = System.nanoTime();
		if (connection instanceof BatchingTcpNetConnection batching && batching.lastFrameUnterminated()) {
			return Map.of(ConnectionHeaders.LISTENER, this.listener, ConnectionHeaders.RECEIVED_NANOS, received,
					ConnectionHeaders.UNTERMINATED, true);
		}
		return Map.of(ConnectionHeaders.LISTENER, this.listener, ConnectionHeaders.RECEIVED_NANOS, received);
	}

}
