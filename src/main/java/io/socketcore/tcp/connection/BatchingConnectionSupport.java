package io.socketcore.tcp.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.Dialect;

/**
 * Creates our {@link BatchingTcpNetConnection}s (over TLS when the listener has an SSL
 * bundle), and turns away connections over the listener's limit with
 * {@code ERR BUSY too many connections} (in text: nothing has been read to tell the
 * client's dialect). Connections are created one at a time on the accepting thread, so
 * the check and the count cannot race.
 */
public class BatchingConnectionSupport implements TcpNetConnectionSupport {

	private final ConnectionSettings settings;

	public BatchingConnectionSupport(ConnectionSettings settings) {
		this.settings = settings;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket accepted, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {

		Socket socket = (this.settings.tls() != null) ? tls(accepted) : accepted;
		if (this.settings.tracker().active() >= this.settings.maxConnections()) {
			this.settings.tracker().rejected();
			return new RejectedConnection(socket, lookupHost, applicationEventPublisher, connectionFactoryName);
		}
		return new BatchingTcpNetConnection(socket, lookupHost, applicationEventPublisher, connectionFactoryName,
				this.settings);
	}

	private Socket tls(Socket accepted) {
		try {
			return this.settings.tls().wrap(accepted);
		}
		catch (IOException ex) {
			// the client left before anything was said; Spring Integration closes the
			// socket
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Says why it is refused, closes, and never reads: it does not count as an open
	 * connection.
	 */
	private static final class RejectedConnection extends TcpNetConnection {

		private final Socket socket;

		RejectedConnection(Socket socket, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
				@Nullable String factoryName) {
			super(socket, true, lookupHost, publisher, factoryName);
			this.socket = socket;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void run() {
			try {
				OutputStream out = this.socket.getOutputStream();
				((Serializer<Object>) getSerializer())
					.serialize(Dialect.TEXT.error(ErrorCode.BUSY, "too many connections"), out);
				out.flush();
				this.socket.shutdownOutput();
			}
			catch (IOException ex) {
				// the client left already
			}
			close();
		}

	}

}
