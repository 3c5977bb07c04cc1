package io.socketcore.tcp.listener;

import java.io.IOException;
import java.net.ServerSocket;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The blocking server connection factory, able to stop accepting while its connections
 * finish their work (Spring Integration's own {@code stop()} closes the listening socket
 * and every connection at once), and one whose accept loop does not die unnoticed: if it
 * ends while nobody stopped it, liveness turns BROKEN, so that Kubernetes restarts the
 * pod instead of keeping a process that can no longer take clients.
 */
public class ListenerConnectionFactory extends TcpNetServerConnectionFactory {

	private volatile boolean stopping;

	public ListenerConnectionFactory(int port) {
		super(port);
	}

	@Override
	public void run() {
		try {
			super.run();
		}
		finally {
			ApplicationEventPublisher publisher = getApplicationEventPublisher();
			if (!this.stopping && publisher != null) {
				logger.error("The accept loop of port " + getPort() + " has ended though the listener was not "
						+ "stopped; no new client can connect: liveness is now BROKEN");
				AvailabilityChangeEvent.publish(publisher, this, LivenessState.BROKEN);
			}
		}
	}

	/**
	 * Closes the listening socket: new clients are refused by the operating system from
	 * now on.
	 */
	void stopAccepting() {
		this.stopping = true;
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

	@Override
	public void start() {
		this.stopping = false;
		super.start();
	}

	@Override
	public void stop() {
		this.stopping = true;
		super.stop();
	}

}
