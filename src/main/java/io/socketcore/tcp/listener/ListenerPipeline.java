package io.socketcore.tcp.listener;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.task.TaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.StringUtils;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.ListenerSpec;
import io.socketcore.tcp.TcpProperties;
import io.socketcore.tcp.connection.BatchingConnectionSupport;
import io.socketcore.tcp.connection.ConnectionSettings;
import io.socketcore.tcp.connection.ConnectionTracker;
import io.socketcore.tcp.connection.ListenerMessageMapper;
import io.socketcore.tcp.connection.ServerTls;
import io.socketcore.tcp.framing.FrameEncoder;
import io.socketcore.tcp.framing.FramedCodec;
import io.socketcore.tcp.framing.LengthHeaderDecoder;
import io.socketcore.tcp.framing.LineDecoder;
import io.socketcore.tcp.framing.StxEtxDecoder;

/**
 * The transport half of a request's trip, for one listener, in the order a request meets
 * it: the listening socket, the connection (TLS, the connection limit, buffered reads and
 * batched writes over the memory budget), the framing, the message, and the inbound
 * gateway that hands it to the {@code requests} channel.
 */
public final class ListenerPipeline {

	private ListenerPipeline() {
	}

	/** Everything from the listening socket to the message, for one listener. */
	public static ListenerConnectionFactory connectionFactory(ListenerSpec spec, TaskExecutor connectionThreads,
			ConnectionTracker tracker, MemoryBudget budget, long connectionAllowance, @Nullable SslBundles sslBundles) {
		ListenerConnectionFactory factory = new ListenerConnectionFactory(spec.port());
		if (StringUtils.hasText(spec.host())) {
			factory.setLocalAddress(spec.host());
		}
		factory.setBacklog(spec.backlog());
		factory.setTaskExecutor(connectionThreads);
		factory.setSoTcpNoDelay(true);
		// fixed, so that the kernel's autotuning cannot grow them to megabytes for a
		// client that stops reading (ConnectionMemory)
		factory.setSoSendBufferSize(spec.sendBuffer());
		factory.setSoReceiveBufferSize(spec.receiveBuffer());
		// no socket timeout: ConnectionTimeouts closes idle connections (a timed read
		// costs two system calls more)
		factory.setTcpNetConnectionSupport(
				new BatchingConnectionSupport(new ConnectionSettings(spec.name(), spec.maxConnections(),
						spec.maxConnectionsPerAddress(), tracker, budget, connectionAllowance, tls(spec, sslBundles))));
		FramedCodec codec = codec(spec.framing(), spec.maxFrameBytes(), (int) spec.unterminatedTimeout().toMillis());
		factory.setDeserializer(codec);
		factory.setSerializer(codec);
		factory.setMapper(new ListenerMessageMapper());
		return factory;
	}

	/**
	 * The listener's inbound gateway, straight into the {@code requests} channel. The
	 * channel is the gateway's own request channel, not a step after it: a step would be
	 * one more channel and bridge on every request.
	 */
	public static IntegrationFlow inboundFlow(ListenerConnectionFactory factory, MessageChannel requests) {
		DirectReplyGateway gateway = new DirectReplyGateway();
		gateway.setConnectionFactory(factory);
		gateway.setRequestChannel(requests);
		gateway.setErrorChannelName("requestErrors");
		// a flow that produced no reply becomes an error reply, never silence
		gateway.setErrorOnTimeout(true);
		return IntegrationFlow.from(gateway).get();
	}

	/**
	 * Each accepted socket is wrapped, so that a rotated certificate reaches new
	 * connections.
	 */
	private static @Nullable ServerTls tls(ListenerSpec spec, @Nullable SslBundles sslBundles) {
		if (!spec.tls()) {
			return null;
		}
		if (sslBundles == null) {
			throw new IllegalStateException("Listener '" + spec.name() + "' names ssl-bundle '" + spec.sslBundle()
					+ "' but no SSL bundles are configured (spring.ssl.bundle.*)");
		}
		return new ServerTls(sslBundles, spec.sslBundle(), spec.clientAuth());
	}

	/**
	 * Every framing reads from the connection's block buffer and takes memory only as
	 * bytes arrive: Spring Integration's codecs allocate a buffer of the maximum frame
	 * size for every frame (STX/ETX) or the announced length before any byte of it has
	 * arrived (length header), which a few hundred bytes from an attacker turn into
	 * gigabytes.
	 */
	static FramedCodec codec(TcpProperties.Framing framing, int maxFrameBytes, int unterminatedTimeoutMillis) {
		return switch (framing) {
			case LF -> new FramedCodec(new LineDecoder(maxFrameBytes, unterminatedTimeoutMillis), FrameEncoder.LF);
			case CRLF -> new FramedCodec(new LineDecoder(maxFrameBytes, unterminatedTimeoutMillis), FrameEncoder.CRLF);
			case STX_ETX -> new FramedCodec(new StxEtxDecoder(maxFrameBytes), FrameEncoder.STX_ETX);
			case LENGTH_HEADER -> new FramedCodec(new LengthHeaderDecoder(maxFrameBytes), FrameEncoder.LENGTH_HEADER);
		};
	}

}
