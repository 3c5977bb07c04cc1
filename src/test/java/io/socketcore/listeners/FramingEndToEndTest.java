package io.socketcore.listeners;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every framing on a listener of its own, all at once beside the default listener, each
 * with its own limits, all answered by the same routing and services.
 */
@TestPropertySource(properties = { "socketcore.tcp.listeners.crlf.port=0", "socketcore.tcp.listeners.crlf.framing=crlf",
		"socketcore.tcp.listeners.stx.port=0", "socketcore.tcp.listeners.stx.framing=stx-etx",
		"socketcore.tcp.listeners.stx.max-line-bytes=2KB", "socketcore.tcp.listeners.stx.max-connections=1",
		"socketcore.tcp.listeners.binary.port=0", "socketcore.tcp.listeners.binary.framing=length-header",
		"socketcore.tcp.listeners.binary.max-line-bytes=1KB" })
class FramingEndToEndTest extends RunningServerTest {

	@Test
	void crlfListenerAnswersWithCrlf() throws IOException {
		try (Socket socket = open(listenerPort("crlf"))) {
			socket.getOutputStream()
				.write("PING\r\nSQUARE 1 2 3\r\n{\"id\":1,\"op\":\"hello\"}\r\n".getBytes(StandardCharsets.US_ASCII));
			String expected = "PONG\r\n[1, 4, 9]\r\n{\"id\":1,\"result\":\"Hello, client!\"}\r\n";
			assertThat(readExactly(socket.getInputStream(), expected.length())).isEqualTo(expected);
		}
	}

	@Test
	void stxEtxRoundTripAndOversize() throws IOException {
		try (Socket socket = open(listenerPort("stx"))) {
			OutputStream out = socket.getOutputStream();
			out.write("\u0002SQUARE 4 5\u0003\u0002HELLO Ann\u0003".getBytes(StandardCharsets.US_ASCII));
			String expected = "\u0002[16, 25]\u0003\u0002Hello, Ann!\u0003";
			assertThat(readExactly(socket.getInputStream(), expected.length())).isEqualTo(expected);
			out.write(("\u0002SQUARE " + "1 ".repeat(2000) + "\u0003").getBytes(StandardCharsets.US_ASCII));
			assertThat(readAll(socket.getInputStream())).isEqualTo(
					"\u0002ERR FRAME_TOO_LARGE the frame is longer than 2048 bytes; closing the connection\u0003");
		}
	}

	@Test
	void stxEtxWithoutStxIsABadFrame() throws IOException {
		try (Socket socket = open(listenerPort("stx"))) {
			socket.getOutputStream().write("PING\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readAll(socket.getInputStream())).startsWith("\u0002ERR BAD_FRAME ").endsWith("\u0003");
		}
	}

	@Test
	void lengthHeaderIsBinarySafeAndRefusesOversize() throws IOException {
		try (Socket socket = open(listenerPort("binary"))) {
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			writeFrame(out, "SQUARE 99999999999999999999".getBytes(StandardCharsets.US_ASCII));
			assertThat(readFrame(in)).isEqualTo("[9999999999999999999800000000000000000001]");
			writeFrame(out, "HELLO line\nbreak".getBytes(StandardCharsets.UTF_8));
			assertThat(readFrame(in)).isEqualTo("ERR BAD_CHARACTER control character U+000A at column 11");
			writeFrame(out, new byte[] { 'P', 'I', 'N', 'G' });
			assertThat(readFrame(in)).isEqualTo("PONG");
			out.writeInt(5000);
			out.flush();
			assertThat(readFrame(in))
				.isEqualTo("ERR FRAME_TOO_LARGE the frame is longer than 1024 bytes; closing the connection");
			assertThat(in.read()).isEqualTo(-1);
		}
	}

	@Test
	void listenersKeepTheirOwnLimits() throws IOException {
		try (Socket first = open(listenerPort("stx")); LineClient text = connect()) {
			first.getOutputStream().write("\u0002PING\u0003".getBytes(StandardCharsets.US_ASCII));
			assertThat(readExactly(first.getInputStream(), 6)).isEqualTo("\u0002PONG\u0003");
			try (Socket second = open(listenerPort("stx"))) {
				assertThat(readAll(second.getInputStream())).isEqualTo("\u0002ERR BUSY too many connections\u0003");
			}
			// The default listener has its own, larger limits.
			assertThat(text.ask("SQUARE " + "2 ".repeat(3000))).startsWith("[4, 4, ");
		}
	}

	@Test
	void healthAndInfoListEveryListener() {
		var readiness = management().json("/actuator/health/readiness");
		assertThat(readiness.at("/components/tcp/details/listeners/binary/framing").asString())
			.isEqualTo("length-header");
		assertThat(readiness.at("/components/tcp/details/listeners/stx/port").asInt()).isEqualTo(listenerPort("stx"));
		assertThat(management().json("/actuator/info").at("/socketcore/listeners/crlf/framing").asString())
			.isEqualTo("crlf");
	}

	private static Socket open(int port) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(30_000);
		return socket;
	}

	private static void writeFrame(DataOutputStream out, byte[] payload) throws IOException {
		out.writeInt(payload.length);
		out.write(payload);
		out.flush();
	}

	private static String readFrame(DataInputStream in) throws IOException {
		byte[] payload = new byte[in.readInt()];
		in.readFully(payload);
		return new String(payload, StandardCharsets.UTF_8);
	}

	private static String readExactly(InputStream in, int length) throws IOException {
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private static String readAll(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

}
