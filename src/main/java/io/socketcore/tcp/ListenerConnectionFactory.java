package io.socketcore.tcp;

import java.io.IOException;
import java.net.ServerSocket;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The blocking server connection factory, able to stop accepting while its connections finish their work:
 * Spring Integration's own {@code stop()} closes the listening socket and every connection at once.
 */
public class ListenerConnectionFactory extends TcpNetServerConnectionFactory {

	public ListenerConnectionFactory(int port) {
		super(port);
	}

	/** Closes the listening socket: new clients are refused by the operating system from now on. */
	void stopAccepting() {
		ServerSocket serverSocket = getServerSocket();
		if (serverSocket != null) {
			try {
				serverSocket.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the server socket failed: " + ex);
			}
		}
	}

}
