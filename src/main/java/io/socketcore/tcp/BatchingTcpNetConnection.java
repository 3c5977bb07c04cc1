package io.socketcore.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.protocol.TextReplyFormatter;

/**
 * A blocking connection that keeps replies in request order (one thread reads, handles and writes in turn)
 * and batches writes: a reply is flushed at once unless more requests are already buffered, in which case
 * it waits for the next reply or for the input to drain. Pipelining clients thus get many replies per
 * system call, while a client waiting for one reply gets it immediately.
 */
class BatchingTcpNetConnection extends TcpNetConnection {

	private static final int OUTPUT_BUFFER_SIZE = 16 * 1024;

	private final Socket socket;

	private final ConnectionSettings settings;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile String closeOutcome = "client_closed";

	private volatile @Nullable ConnectionInput input;

	private @Nullable OutputStream output;

	BatchingTcpNetConnection(Socket socket, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName, ConnectionSettings settings) {
		super(socket, true, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.settings = settings;
		settings.tracker().opened(this);
	}

	@Override
	protected InputStream inputStream() throws IOException {
		ConnectionInput current = this.input;
		if (current == null) {
			current = new ConnectionInput(this.socket, this::flushPending, this.settings.unterminatedTimeoutMillis());
			this.input = current;
		}
		return current;
	}

	@Override
	public void run() {
		ClientPresence.attach(this);
		try {
			super.run();
		}
		finally {
			ClientPresence.detach();
		}
	}

	/** Nothing read and unanswered: the thread waits for the next request, or has not started reading. */
	boolean quiescent() {
		ConnectionInput current = this.input;
		return current == null || current.awaitingFrame() || !isOpen();
	}

	/** Only from the connection's own thread: see {@link ConnectionInput#peerGone()}. */
	boolean clientGone() {
		ConnectionInput current = this.input;
		return !isOpen() || (current != null && current.peerGone());
	}

	boolean lastFrameUnterminated() {
		ConnectionInput current = this.input;
		return current != null && current.lastFrameUnterminated();
	}

	@Override
	@SuppressWarnings("unchecked")
	public void send(Message<?> message) {
		boolean unterminated = Boolean.TRUE.equals(message.getHeaders().get(ConnectionHeaders.UNTERMINATED));
		boolean closeAfter = unterminated
				|| Boolean.TRUE.equals(message.getHeaders().get(ConnectionHeaders.CLOSE_AFTER_REPLY));
		this.writeLock.lock();
		try {
			OutputStream out = output();
			Object payload = getMapper().fromMessage(message);
			if (unterminated) {
				// The original server answered without a terminator; its clients print exactly what they get.
				out.write(payload instanceof byte[] bytes ? bytes
						: String.valueOf(payload).getBytes(StandardCharsets.UTF_8));
			}
			else {
				((Serializer<Object>) getSerializer()).serialize(payload, out);
			}
			ConnectionInput in = this.input;
			if (closeAfter || in == null || in.buffered() == 0) {
				out.flush();
			}
		}
		catch (IOException ex) {
			// The client has gone (reset, broken pipe): nobody is left to answer, and that is no server error.
			logger.debug("Reply not delivered, the client of " + getConnectionId() + " has gone: " + ex);
			publishConnectionExceptionEvent(ex);
			closeConnection(true);
			return;
		}
		catch (RuntimeException ex) {
			MessagingException failure = new MessagingException(message, "Send failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		finally {
			this.writeLock.unlock();
		}
		if (closeAfter) {
			this.closeOutcome = "server_closed";
			closeGracefully();
		}
	}

	/** Writes one error line outside the request flow (framing errors, limits) and flushes it. */
	@SuppressWarnings("unchecked")
	void sendErrorLine(ErrorCode code, String message) {
		this.writeLock.lock();
		try {
			OutputStream out = output();
			((Serializer<Object>) getSerializer()).serialize(TextReplyFormatter.errorLine(code, message), out);
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not send error line to " + getConnectionId() + ": " + ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = exception instanceof UncheckedIOException ? exception.getCause() : exception;
		if (cause instanceof FrameTooLargeException tooLarge) {
			this.closeOutcome = "frame_too_large";
			this.settings.tracker().frameRejected("too_large");
			sendErrorLine(ErrorCode.FRAME_TOO_LARGE, "the frame is longer than " + tooLarge.maxBytes()
					+ " bytes; closing the connection");
			closeGracefully();
			return true;
		}
		if (cause instanceof FrameFormatException badFrame) {
			this.closeOutcome = "bad_frame";
			this.settings.tracker().frameRejected("bad_frame");
			sendErrorLine(ErrorCode.BAD_FRAME, "the bytes do not follow this listener's framing ("
					+ badFrame.getMessage() + "); closing the connection");
			closeGracefully();
			return true;
		}
		if (cause instanceof SocketTimeoutException) {
			this.closeOutcome = "idle_timeout";
		}
		else if (!(cause instanceof SoftEndOfStreamException)
				&& !this.socket.isClosed()) {
			this.closeOutcome = "error";
		}
		return super.handleReadException(exception);
	}

	/** Records why the server, not the client, ends this connection ({@code quit}, {@code shutdown}...). */
	void closeOutcome(String outcome) {
		this.closeOutcome = outcome;
	}

	/** Sends FIN after the last reply so that it is not lost to a reset, then closes. */
	void closeGracefully() {
		flushPending();
		try {
			if (!this.socket.isClosed()) {
				this.socket.shutdownOutput();
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the peer is gone already (or TLS cannot half-close); closing is all that is left
		}
		closeConnection(false);
	}

	@Override
	public void close() {
		// A writer blocked on a slow client holds the lock: never wait for it when closing.
		if (this.writeLock.tryLock()) {
			try {
				flushQuietly();
			}
			finally {
				this.writeLock.unlock();
			}
		}
		super.close();
		if (this.closed.compareAndSet(false, true)) {
			this.settings.tracker().closed(this, this.closeOutcome);
		}
	}

	private void flushPending() {
		this.writeLock.lock();
		try {
			flushQuietly();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void flushQuietly() {
		OutputStream out = this.output;
		if (out != null && !this.socket.isClosed()) {
			try {
				out.flush();
			}
			catch (IOException ex) {
				logger.debug("Flush failed on " + getConnectionId() + ": " + ex);
			}
		}
	}

	private OutputStream output() throws IOException {
		OutputStream out = this.output;
		if (out == null) {
			out = new BufferedOutputStream(this.socket.getOutputStream(), OUTPUT_BUFFER_SIZE);
			this.output = out;
		}
		return out;
	}

}
