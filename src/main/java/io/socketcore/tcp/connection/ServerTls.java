package io.socketcore.tcp.connection;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import io.socketcore.tcp.TcpProperties;

/**
 * TLS for one listener from a Spring Boot SSL bundle, in full: its key and trust
 * material, its options (ciphers, protocols), and its updates. Each accepted socket is
 * wrapped with the bundle's context as it is when the client connects, so that with
 * {@code reload-on-update} a rotated certificate (cert-manager renewing a Secret) is
 * served to new connections without a restart; connections already open keep theirs. The
 * handshake happens on the connection's own thread, at its first read.
 * <p>
 * A client may not start a new handshake on a TLS 1.2 connection: each would cost the
 * server a private-key operation, as often as the client likes, on one connection and
 * without a new TCP handshake (TLS 1.3 has no renegotiation). The JDK reads its switch
 * once, at the first server handshake of the process, so it is set here, before any; a
 * {@code -Djdk.tls.rejectClientInitiatedRenegotiation} given on the command line wins.
 */
public final class ServerTls {

	private static final Log logger = LogFactory.getLog(ServerTls.class);

	static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

	static {
		if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
			System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
		}
	}

	private final String bundleName;

	private final TcpProperties.ClientAuth clientAuth;

	private volatile Material material;

	private record Material(SSLContext context, SslOptions options) {
	}

	public ServerTls(SslBundles bundles, String bundleName, TcpProperties.ClientAuth clientAuth) {
		this.bundleName = bundleName;
		this.clientAuth = clientAuth;
		this.material = material(bundles.getBundle(bundleName));
		bundles.addBundleUpdateHandler(bundleName, this::update);
	}

	private void update(SslBundle bundle) {
		this.material = material(bundle);
		logger.info("SSL bundle '" + this.bundleName + "' was updated: new connections get its new certificate");
	}

	private static Material material(SslBundle bundle) {
		return new Material(bundle.createSslContext(), bundle.getOptions());
	}

	/**
	 * The accepted socket, speaking TLS as the server side with the bundle as it is now.
	 */
	SSLSocket wrap(Socket accepted) throws IOException {
		Material current = this.material;
		SSLSocket socket = (SSLSocket) current.context()
			.getSocketFactory()
			.createSocket(accepted, null, accepted.getPort(), true);
		socket.setUseClientMode(false);
		if (current.options().getCiphers() != null) {
			socket.setEnabledCipherSuites(current.options().getCiphers());
		}
		if (current.options().getEnabledProtocols() != null) {
			socket.setEnabledProtocols(current.options().getEnabledProtocols());
		}
		if (this.clientAuth == TcpProperties.ClientAuth.NEED) {
			socket.setNeedClientAuth(true);
		}
		else if (this.clientAuth == TcpProperties.ClientAuth.WANT) {
			socket.setWantClientAuth(true);
		}
		return socket;
	}

}
