package io.socketcore.tcp;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.task.TaskExecutor;
import org.springframework.util.StringUtils;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.framing.FrameEncoder;
import io.socketcore.tcp.framing.FramedCodec;
import io.socketcore.tcp.framing.LengthHeaderDecoder;
import io.socketcore.tcp.framing.LineDecoder;
import io.socketcore.tcp.framing.StxEtxDecoder;

/**
 * Builds the connection factory of a listener from its {@link ListenerSpec}: blocking connections with our
 * batching connection support, the framing's codec, and TLS from a Spring Boot SSL bundle
 * ({@link ServerTls}: each accepted socket is wrapped, so that a rotated certificate reaches new connections).
 */
final class ListenerFactories {

	private ListenerFactories() {
	}

	static ListenerConnectionFactory create(ListenerSpec spec, TaskExecutor executor, ConnectionTracker tracker,
			MemoryBudget budget, long connectionAllowance, @Nullable SslBundles sslBundles) {
		ServerTls tls = null;
		if (spec.tls()) {
			if (sslBundles == null) {
				throw new IllegalStateException("Listener '" + spec.name() + "' names ssl-bundle '" + spec.sslBundle()
						+ "' but no SSL bundles are configured (spring.ssl.bundle.*)");
			}
			tls = new ServerTls(sslBundles, spec.sslBundle(), spec.clientAuth());
		}
		ConnectionSettings settings = new ConnectionSettings(spec.name(), spec.maxConnections(), tracker, budget,
				connectionAllowance, tls);
		ListenerConnectionFactory factory = new ListenerConnectionFactory(spec.port());
		factory.setTcpNetConnectionSupport(new BatchingConnectionSupport(settings));
		FramedCodec codec = codec(spec.framing(), spec.maxFrameBytes(), (int) spec.unterminatedTimeout().toMillis());
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setMapper(new ListenerMessageMapper());
		factory.setTaskExecutor(executor);
		// no socket timeout: ConnectionTimeouts closes idle connections (a timed read costs two system calls more)
		factory.setBacklog(spec.backlog());
		factory.setSoTcpNoDelay(true);
		if (StringUtils.hasText(spec.host())) {
			factory.setLocalAddress(spec.host());
		}
		return factory;
	}

	/**
	 * Every framing reads from the connection's block buffer and takes memory only as bytes arrive: Spring
	 * Integration's codecs allocate a buffer of the maximum frame size for every frame (STX/ETX) or the
	 * announced length before any byte of it has arrived (length header), which a few hundred bytes from an
	 * attacker turn into gigabytes.
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
