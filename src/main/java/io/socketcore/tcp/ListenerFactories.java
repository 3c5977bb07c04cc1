package io.socketcore.tcp;

import java.net.ServerSocket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;
import org.springframework.util.StringUtils;

/**
 * Builds the connection factory of a listener from its {@link ListenerSpec}: blocking connections with our
 * batching connection support, the framing's codec, the idle timeout, and TLS from a Spring Boot SSL bundle.
 */
final class ListenerFactories {

	private ListenerFactories() {
	}

	static ListenerConnectionFactory create(ListenerSpec spec, TaskExecutor executor, ConnectionTracker tracker,
			@Nullable SslBundles sslBundles) {
		ConnectionSettings settings = new ConnectionSettings(spec.name(), spec.maxConnections(),
				(int) spec.unterminatedTimeout().toMillis(), tracker);
		ListenerConnectionFactory factory = new ListenerConnectionFactory(spec.port());
		factory.setTcpNetConnectionSupport(new BatchingConnectionSupport(settings));
		Object codec = codec(spec.framing(), spec.maxFrameBytes());
		factory.setSerializer((Serializer<?>) codec);
		factory.setDeserializer((Deserializer<?>) codec);
		factory.setMapper(new ListenerMessageMapper(spec.name()));
		factory.setTaskExecutor(executor);
		factory.setSoTimeout((int) spec.idleTimeout().toMillis());
		factory.setBacklog(spec.backlog());
		factory.setSoTcpNoDelay(true);
		if (StringUtils.hasText(spec.host())) {
			factory.setLocalAddress(spec.host());
		}
		if (spec.tls()) {
			if (sslBundles == null) {
				throw new IllegalStateException("Listener '" + spec.name() + "' names ssl-bundle '" + spec.sslBundle()
						+ "' but no SSL bundles are configured (spring.ssl.bundle.*)");
			}
			SSLContext sslContext = sslBundles.getBundle(spec.sslBundle()).createSslContext();
			factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> sslContext));
			factory.setTcpSocketSupport(new ClientAuthSocketSupport(spec.clientAuth()));
		}
		return factory;
	}

	/**
	 * LF and CR LF lines use our {@link LineCodec} (block reads, no per-message buffer of the maximum size);
	 * the other framings use Spring Integration's codecs with the listener's maximum.
	 */
	static Object codec(TcpProperties.Framing framing, int maxFrameBytes) {
		return switch (framing) {
			case LF -> new LineCodec(maxFrameBytes, false);
			case CRLF -> new LineCodec(maxFrameBytes, true);
			case STX_ETX -> new FrameLimitCodec(TcpCodecs.stxetx(maxFrameBytes));
			case LENGTH_HEADER -> new FrameLimitCodec(TcpCodecs.lengthHeader4(maxFrameBytes));
		};
	}

	/** Asks TLS clients for a certificate when the listener says so. */
	private static final class ClientAuthSocketSupport extends DefaultTcpSocketSupport {

		private final TcpProperties.ClientAuth clientAuth;

		ClientAuthSocketSupport(TcpProperties.ClientAuth clientAuth) {
			super(false);
			this.clientAuth = clientAuth;
		}

		@Override
		public void postProcessServerSocket(ServerSocket serverSocket) {
			super.postProcessServerSocket(serverSocket);
			if (serverSocket instanceof SSLServerSocket sslServerSocket) {
				if (this.clientAuth == TcpProperties.ClientAuth.NEED) {
					sslServerSocket.setNeedClientAuth(true);
				}
				else if (this.clientAuth == TcpProperties.ClientAuth.WANT) {
					sslServerSocket.setWantClientAuth(true);
				}
			}
		}

	}

}
