package io.socketcore.tcp.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
 * client's dialect), and those over the limit per client address likewise. Connections
 * are created one at a time on the accepting thread, so the check and the count cannot
 * race.
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
		ConnectionTracker tracker = this.settings.tracker();
		if (tracker.active() >= this.settings.maxConnections()) {
			tracker.rejected();
			return new RejectedConnection(socket, "too many connections", lookupHost, applicationEventPublisher,
					connectionFactoryName);
		}
		InetAddress address = null;
		if (this.settings.maxConnectionsPerAddress() > 0) {
			address = accepted.getInetAddress();
			if (!tracker.admit(address, this.settings.maxConnectionsPerAddress())) {
				tracker.rejected();
				return new RejectedConnection(socket, "too many connections from your address", lookupHost,
						applicationEventPublisher, connectionFactoryName);
			}
		}
		try {
			return new BatchingTcpNetConnection(socket, lookupHost, applicationEventPublisher, connectionFactoryName,
					this.settings, address);
		}
		catch (RuntimeException ex) {
			if (address != null) {
				tracker.release(address);
			}
			throw ex;
		}
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

		private final String reason;

		RejectedConnection(Socket socket, String reason, boolean lookupHost,
				@Nullable ApplicationEventPublisher publisher, @Nullable String factoryName) {
			super(socket, true, lookupHost, publisher, factoryName);
			this.socket = socket;
			this.reason = reason;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void run() {
			try {
				OutputStream out = this.socket.getOutputStream();
				((Serializer<Object>) getSerializer()).serialize(Dialect.TEXT.error(ErrorCode.BUSY, this.reason), out);
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
