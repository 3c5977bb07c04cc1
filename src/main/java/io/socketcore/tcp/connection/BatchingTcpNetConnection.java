package io.socketcore.tcp.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.protocol.Dialect;
import io.socketcore.protocol.ErrorCode;
import io.socketcore.tcp.ConnectionHeaders;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.FrameBatch;
import io.socketcore.tcp.framing.FrameEncoder;
import io.socketcore.tcp.framing.FrameEnd;
import io.socketcore.tcp.framing.FramedCodec;

/**
 * A blocking connection that keeps replies in request order (one thread reads, handles
 * and writes in turn) and batches writes: a reply is flushed at once unless more requests
 * are already buffered, in which case it waits for the next reply or for the input to
 * drain. Pipelining clients thus get many replies per system call, while a client waiting
 * for one reply gets it immediately.
 * <p>
 * Everything one exchange makes the server hold (the frame, what is parsed from it, the
 * work and the reply) is charged to the connection's exchange account, and returned when
 * the reply has been written or the next frame begins; grown buffers are charged to its
 * buffer account.
 */
public class BatchingTcpNetConnection extends TcpNetConnection {

	private final Socket socket;

	private final ConnectionSettings settings;

	private final MemoryBudget.Account exchange;

	private final MemoryBudget.Account buffers;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * The client's address as counted against the limit per address, or null where no
	 * such limit applies.
	 */
	private final @Nullable InetAddress countedAddress;

	private volatile CloseOutcome closeOutcome = CloseOutcome.CLIENT_CLOSED;

	/**
	 * What the flow is told of the exchange under way: one object per connection, one
	 * exchange at a time.
	 */
	private final ExchangeView exchangeView = new ExchangeView();

	/** The dialect of the last request read: the framing's errors are written in it. */
	private @Nullable Dialect dialect;

	private volatile @Nullable ConnectionInput input;

	private volatile @Nullable ReplyOutput output;

	/**
	 * How the frames of the batch being answered ended; null while a single frame is
	 * answered.
	 */
	private @Nullable List<FrameEnd> batchEnds;

	/**
	 * A frame of the last batch that the framing rejected: rejected once the batch has
	 * been answered.
	 */
	private @Nullable IOException rejectedFrame;

	BatchingTcpNetConnection(Socket socket, boolean lookupHost, @Nullable ApplicationEventPublisher publisher,
			@Nullable String factoryName, ConnectionSettings settings, @Nullable InetAddress countedAddress) {
		super(socket, true, lookupHost, publisher, factoryName);
		this.socket = socket;
		this.settings = settings;
		this.countedAddress = countedAddress;
		this.exchange = settings.budget().account(settings.connectionAllowance());
		this.buffers = settings.budget().account(0);
		settings.tracker().opened(this);
	}

	@Override
	protected InputStream inputStream() throws IOException {
		ConnectionInput current = this.input;
		if (current == null) {
			current = new ConnectionInput(this.socket, this::flushPending, this.exchange, this.buffers);
			this.input = current;
		}
		return current;
	}

	/**
	 * The next frame, or a {@link FrameBatch} of every frame that arrived whole with it
	 * (a pipelining client's read); the previous exchange is over, and what it held is
	 * returned first. A frame of the batch that the framing rejects ends the batch, and
	 * is rejected when the frames before it have been answered.
	 */
	@Override
	public Object getPayload() {
		this.exchange.releaseAll();
		this.batchEnds = null;
		IOException rejected = this.rejectedFrame;
		if (rejected != null) {
			this.rejectedFrame = null;
			throw new UncheckedIOException(rejected);
		}
		Object first = super.getPayload();
		this.exchangeView.receivedNanos = System.nanoTime();
		ConnectionInput in = this.input;
		if (first instanceof byte[] frame) {
			this.dialect = Dialect.of(frame);
		}
		if (!(getDeserializer() instanceof FramedCodec codec) || in == null || in.buffered() == 0
				|| in.lastFrameEnd() == FrameEnd.UNTERMINATED || !codec.frameBuffered(in)) {
			return first;
		}
		List<byte[]> frames = new ArrayList<>();
		List<FrameEnd> ends = new ArrayList<>();
		frames.add((byte[]) first);
		ends.add(in.lastFrameEnd());
		while (frames.size() < FrameBatch.MAX_FRAMES && in.buffered() > 0 && codec.frameBuffered(in)) {
			try {
				frames.add(codec.decodeBuffered(in));
				ends.add(in.lastFrameEnd());
			}
			catch (IOException ex) {
				this.rejectedFrame = ex;
				break;
			}
		}
		if (frames.size() == 1) {
			return first;
		}
		this.batchEnds = ends;
		return new FrameBatch(frames);
	}

	/** The exchange now under way, as the flow sees it. */
	Exchange exchange() {
		return this.exchangeView;
	}

	/**
	 * Nothing read and unanswered: the thread waits for the next request, or has not
	 * started reading.
	 */
	public boolean quiescent() {
		ConnectionInput current = this.input;
		return current == null || current.awaitingFrame() || !isOpen();
	}

	/**
	 * Only from the connection's own thread: see {@link ConnectionInput#clientGone()}.
	 */
	private boolean clientGone() {
		ConnectionInput current = this.input;
		return !isOpen() || (current != null && current.clientGone());
	}

	private boolean lastFrameUnterminated() {
		return lastFrameEnd() == FrameEnd.UNTERMINATED;
	}

	private FrameEnd lastFrameEnd() {
		ConnectionInput current = this.input;
		return (current != null) ? current.lastFrameEnd() : FrameEnd.TERMINATED;
	}

	/**
	 * Since when the connection has waited for its client to send something; 0 if it is
	 * not waiting.
	 */
	public long readWaitingSinceNanos() {
		ConnectionInput current = this.input;
		return (current != null) ? current.readWaitingSinceNanos() : 0;
	}

	/**
	 * Closes a connection whose client has sent nothing for the listener's idle timeout.
	 */
	public void closeIdle() {
		this.closeOutcome = CloseOutcome.IDLE_TIMEOUT;
		closeConnection(false);
	}

	/**
	 * Since when a reply has been waiting for the client to read it; 0 if none is being
	 * written.
	 */
	public long writeStalledSinceNanos() {
		ReplyOutput current = this.output;
		return (current != null) ? current.stalledSinceNanos() : 0;
	}

	@Override
	public void send(Message<?> message) {
		boolean unterminated = lastFrameUnterminated();
		boolean closeAfter = unterminated
				|| Boolean.TRUE.equals(message.getHeaders().get(ConnectionHeaders.CLOSE_AFTER_REPLY));
		this.writeLock.lock();
		try {
			ReplyOutput out = output();
			Object payload = getMapper().fromMessage(message);
			if (unterminated) {
				// The original server answered without a terminator; its clients print
				// exactly what they get.
				FrameEncoder.writeUnframed(payload, out);
			}
			else if (payload instanceof List<?> replies) {
				// a batch's replies, in its frames' order, each ending the way its
				// request did
				List<FrameEnd> ends = this.batchEnds;
				for (int i = 0; i < replies.size(); i++) {
					serialize(replies.get(i), out, (ends != null && i < ends.size()) ? ends.get(i) : lastFrameEnd());
				}
			}
			else {
				serialize(payload, out, lastFrameEnd());
			}
			ConnectionInput in = this.input;
			if (closeAfter || in == null || in.buffered() == 0) {
				out.flush();
			}
		}
		catch (IOException ex) {
			// The client has gone (reset, broken pipe): nobody is left to answer, and
			// that is no server error.
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
			this.exchange.releaseAll();
		}
		if (closeAfter) {
			this.closeOutcome = CloseOutcome.SERVER_CLOSED;
			closeGracefully();
		}
	}

	/**
	 * Writes one error outside the request flow (the framing's) and flushes it, in the
	 * dialect of the client's last request, or before any, of the first bytes it sent.
	 */
	private void sendError(ErrorCode code, String message) {
		this.writeLock.lock();
		try {
			ReplyOutput out = output();
			serialize(clientsDialect().error(code, message), out, lastFrameEnd());
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not send error line to " + getConnectionId() + ": " + ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private Dialect clientsDialect() {
		Dialect last = this.dialect;
		ConnectionInput in = this.input;
		if (last != null || in == null || !(getDeserializer() instanceof FramedCodec codec)) {
			return (last != null) ? last : Dialect.TEXT;
		}
		byte[] start = in.streamStart();
		return Dialect.of(start, Math.min(codec.headerLength(), start.length), start.length);
	}

	/**
	 * In the listener's framing, ending the way the request ended (CR LF in, CR LF out).
	 */
	@SuppressWarnings("unchecked")
	private void serialize(Object payload, ReplyOutput out, FrameEnd requestEnd) throws IOException {
		if (getSerializer() instanceof FramedCodec codec) {
			codec.serialize(payload, out, requestEnd);
		}
		else {
			((Serializer<Object>) getSerializer()).serialize(payload, out);
		}
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = exception instanceof UncheckedIOException ? exception.getCause() : exception;
		FrameRejection rejection = FrameRejection.of(cause);
		if (rejection != null) {
			this.closeOutcome = rejection.outcome();
			this.settings.tracker().frameRejected(rejection);
			this.exchange.releaseAll();
			sendError(rejection.code(), rejection.message(cause));
			closeGracefully();
			return true;
		}
		if (!(cause instanceof SoftEndOfStreamException) && !this.socket.isClosed()) {
			this.closeOutcome = CloseOutcome.ERROR;
		}
		if (cause instanceof IOException) {
			// A reset, a failed TLS handshake: the client's doing or the network's,
			// counted
			// by the outcome; logged at ERROR, it would let every client write a line of
			// alarm per connection. A failure of the server's own (a runtime exception)
			// stays an error.
			setNoReadErrorOnClose(true);
		}
		return super.handleReadException(exception);
	}

	/** Records why the server, not the client, ends this connection (a shutdown). */
	public void closeOutcome(CloseOutcome outcome) {
		this.closeOutcome = outcome;
	}

	/** Sends FIN after the last reply so that it is not lost to a reset, then closes. */
	private void closeGracefully() {
		flushPending();
		try {
			if (!this.socket.isClosed()) {
				this.socket.shutdownOutput();
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the peer is gone already (or TLS cannot half-close); closing is all that is
			// left
		}
		closeConnection(false);
	}

	/**
	 * Ends a connection whose client has stopped reading: a reset, not a graceful close,
	 * since the reply cannot be delivered (and TLS would otherwise wait for the blocked
	 * writer to send its close_notify).
	 */
	public void abortStalledWrite() {
		this.closeOutcome = CloseOutcome.WRITE_TIMEOUT;
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// closing anyway
		}
		closeConnection(true);
	}

	@Override
	public void close() {
		// A writer blocked on a slow client holds the lock: never wait for it when
		// closing.
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
			this.exchange.close();
			this.buffers.close();
			this.settings.tracker().closed(this, this.closeOutcome);
			if (this.countedAddress != null) {
				this.settings.tracker().release(this.countedAddress);
			}
		}
	}

	private void flushPending() {
		this.writeLock.lock();
		try {
			ReplyOutput out = this.output;
			if (out != null && !this.socket.isClosed()) {
				out.flushAndShrink();
			}
		}
		catch (IOException ex) {
			logger.debug("Flush failed on " + getConnectionId() + ": " + ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private void flushQuietly() {
		ReplyOutput out = this.output;
		if (out != null && !this.socket.isClosed()) {
			try {
				out.flush();
			}
			catch (IOException ex) {
				logger.debug("Flush failed on " + getConnectionId() + ": " + ex);
			}
		}
	}

	private ReplyOutput output() throws IOException {
		ReplyOutput out = this.output;
		if (out == null) {
			out = new ReplyOutput(this.socket.getOutputStream(), this.buffers);
			this.output = out;
		}
		return out;
	}

	private final class ExchangeView implements Exchange {

		private long receivedNanos;

		@Override
		public MemoryBudget.Account memory() {
			return BatchingTcpNetConnection.this.exchange;
		}

		@Override
		public boolean clientGone() {
			return BatchingTcpNetConnection.this.clientGone();
		}

		@Override
		public long receivedNanos() {
			return this.receivedNanos;
		}

		@Override
		public boolean unterminated() {
			return lastFrameUnterminated();
		}

	}

}
