package io.socketcore.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * A client that sends and never reads: the same bytes over and over, until its connection
 * is closed, by the server (a timeout) or by the test.
 */
public final class WriteUntilClosed {

	private WriteUntilClosed() {
	}

	/** Completes when a write fails: the connection has been closed. */
	public static CompletableFuture<Void> start(Socket client, byte[] bytes) {
		return CompletableFuture.runAsync(() -> {
			try {
				OutputStream out = client.getOutputStream();
				while (true) {
					out.write(bytes);
				}
			}
			catch (IOException closed) {
				// the end this client waits for
			}
		});
	}

}
