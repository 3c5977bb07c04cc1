package io.socketcore.tcp.framing;

/**
 * How a frame ended: what the reply to it must match, and whether it is complete at all.
 */
public enum FrameEnd {

	/**
	 * By the framing's terminator (LF, ETX), its announced length, or the client's
	 * half-close.
	 */
	TERMINATED,
	/**
	 * A line ended by CR LF: its reply ends in CR LF too, even on an {@code lf} listener.
	 */
	CR_LF,
	/**
	 * Taken as complete after a quiet period, without a terminator (clients of the
	 * original server).
	 */
	UNTERMINATED

}
