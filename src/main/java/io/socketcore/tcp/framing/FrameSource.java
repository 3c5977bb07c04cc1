package io.socketcore.tcp.framing;

import java.io.IOException;

import io.socketcore.memory.MemoryBudget;

/**
 * The bytes of one connection as its framing reads them: a block buffer that the decoder
 * scans in place, and reads that wait for more. A decoder says with each read whether a
 * frame has begun, so that the connection knows when it sits idle between frames (the
 * moment a graceful shutdown may close it).
 */
public interface FrameSource {

	/** What {@link #fillWithin(int)} returns when nothing arrived in time. */
	int QUIET = -2;

	/**
	 * The buffer; bytes {@code [position(), limit())} have arrived and are not consumed
	 * yet.
	 */
	byte[] buffer();

	int position();

	int limit();

	/** Marks the bytes before {@code position} consumed. */
	void position(int position);

	/**
	 * Waits for more bytes; only when everything buffered has been consumed.
	 * @param betweenFrames whether no byte of a frame has arrived yet
	 * @return the number of bytes read, or -1 at end of stream
	 */
	int fill(boolean betweenFrames) throws IOException;

	/**
	 * As {@link #fill(boolean)} inside a frame, but returns {@link #QUIET} after
	 * {@code millis} of silence.
	 */
	int fillWithin(int millis) throws IOException;

	/** Whether a frame has been read on this connection yet. */
	boolean anyFrameRead();

	/** Called by the decoder for each frame it returns, with how the frame ended. */
	void frameRead(FrameEnd end);

	/** What the frames being read are charged to. */
	MemoryBudget.Account account();

}
