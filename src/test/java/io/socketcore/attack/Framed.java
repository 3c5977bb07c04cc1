package io.socketcore.attack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One client connection speaking one listener's framing, with a socket timeout so that a
 * server that stops answering fails the test instead of hanging it.
 */
final class Framed implements Closeable {

	enum Framing {

		LF, CRLF, STX_ETX, LENGTH_HEADER;

		static Framing of(String listener) {
			return switch (listener) {
				case "crlf" -> CRLF;
				case "stx" -> STX_ETX;
				case "binary" -> LENGTH_HEADER;
				default -> LF;
			};
		}

		byte[] frame(byte[] payload) {
			return switch (this) {
				case LF -> concat(payload, new byte[] { '\n' });
				case CRLF -> concat(payload, new byte[] { '\r', '\n' });
				case STX_ETX -> concat(concat(new byte[] { 2 }, payload), new byte[] { 3 });
				case LENGTH_HEADER -> concat(ByteBuffer.allocate(4).putInt(payload.length).array(), payload);
			};
		}

		/**
		 * The start of a frame of {@code length} payload bytes, as a client that never
		 * finishes it sends it.
		 */
		byte[] opening(int length) {
			return switch (this) {
				case LF, CRLF -> new byte[0];
				case STX_ETX -> new byte[] { 2 };
				case LENGTH_HEADER -> ByteBuffer.allocate(4).putInt(length).array();
			};
		}

	}

	private final Socket socket;

	private final Framing framing;

	private final OutputStream out;

	private final DataInputStream in;

	Framed(int port, Framing framing, int timeoutMillis) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout(timeoutMillis);
		this.framing = framing;
		this.out = this.socket.getOutputStream();
		this.in = new DataInputStream(new BufferedInputStream(this.socket.getInputStream(), 1 << 16));
	}

	Framed(int port, String listener, int timeoutMillis) throws IOException {
		this(port, Framing.of(listener), timeoutMillis);
	}

	String ask(String request) throws IOException {
		send(request);
		return reply();
	}

	void send(String request) throws IOException {
		sendRaw(this.framing.frame(request.getBytes(StandardCharsets.UTF_8)));
	}

	void sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	OutputStream output() {
		return this.out;
	}

	/** The next reply's payload, as text. */
	String reply() throws IOException {
		return new String(replyBytes(), StandardCharsets.UTF_8);
	}

	byte[] replyBytes() throws IOException {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		readReply(payload::write);
		return payload.toByteArray();
	}

	/**
	 * Reads the next reply without keeping it: its length and CRC-32, for replies of
	 * megabytes.
	 */
	Digest replyDigest(int keepPrefix) throws IOException {
		CRC32 crc = new CRC32();
		ByteArrayOutputStream prefix = new ByteArrayOutputStream();
		long[] length = { 0 };
		readReply(b -> {
			crc.update(b);
			if (length[0] < keepPrefix) {
				prefix.write(b);
			}
			length[0]++;
		});
		return new Digest(length[0], crc.getValue(), prefix.toString(StandardCharsets.UTF_8));
	}

	record Digest(long length, long crc, String prefix) {
	}

	private interface ByteSink {

		void write(int b) throws IOException;

	}

	private void readReply(ByteSink sink) throws IOException {
		switch (this.framing) {
			case LF, CRLF -> {
				int b;
				while ((b = this.in.read()) != '\n') {
					if (b < 0) {
						throw new EOFException("end of stream inside a reply");
					}
					if (b != '\r') {
						sink.write(b);
					}
				}
			}
			case STX_ETX -> {
				int first = this.in.read();
				if (first != 2) {
					throw new EOFException("no STX: " + first);
				}
				int b;
				while ((b = this.in.read()) != 3) {
					if (b < 0) {
						throw new EOFException("end of stream inside a reply");
					}
					sink.write(b);
				}
			}
			case LENGTH_HEADER -> {
				int length = this.in.readInt();
				for (int i = 0; i < length; i++) {
					int b = this.in.read();
					if (b < 0) {
						throw new EOFException("end of stream inside a reply");
					}
					sink.write(b);
				}
			}
		}
	}

	/**
	 * True if the server closes (end of stream or reset) before sending anything more.
	 */
	boolean closedByServer() {
		try {
			return this.in.read() < 0;
		}
		catch (IOException ex) {
			return !(ex instanceof java.net.SocketTimeoutException);
		}
	}

	InputStream input() {
		return this.in;
	}

	Socket socket() {
		return this.socket;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing is all that was asked
		}
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = new byte[first.length + second.length];
		System.arraycopy(first, 0, joined, 0, first.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
