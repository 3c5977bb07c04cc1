package io.socketcore.support;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain blocking socket client speaking LF-terminated lines, as any user's client
 * would.
 */
public final class LineClient implements Closeable {

	private final Socket socket;

	private final OutputStream out;

	private final BufferedReader in;

	public LineClient(int port) throws IOException {
		this(port, "127.0.0.1");
	}

	/**
	 * A client from {@code localAddress}, any of 127.0.0.0/8 on Linux: another client
	 * address on the same machine.
	 */
	public LineClient(int port, String localAddress) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(localAddress), 0);
		this.socket.setSoTimeout(60_000);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8),
				1 << 16);
	}

	/** Sends one line and returns the reply line. */
	public String ask(String line) throws IOException {
		send(line);
		return readLine();
	}

	public void send(String line) throws IOException {
		sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	public void sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	public String readLine() throws IOException {
		return this.in.readLine();
	}

	public List<String> readLines(int count) throws IOException {
		List<String> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			lines.add(readLine());
		}
		return lines;
	}

	/** True when the server has closed its side: the next read sees end of stream. */
	public boolean serverClosed() throws IOException {
		return this.in.read() == -1;
	}

	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
