package io.socketcore.tcp.connection;

import org.jspecify.annotations.Nullable;

import io.socketcore.protocol.ErrorCode;
import io.socketcore.tcp.framing.FrameFormatException;
import io.socketcore.tcp.framing.FrameRefusedException;
import io.socketcore.tcp.framing.FrameTooLargeException;

/**
 * Why the framing refused a frame, before any parsing: what the client is told, the
 * {@code reason} tag of {@code socketcore.frames.rejected}, and how its connection is
 * counted when it closes. The connection cannot tell where the next frame would start, so
 * it closes after saying why.
 */
public enum FrameRejection {

	TOO_LARGE("too_large", ErrorCode.FRAME_TOO_LARGE, CloseOutcome.FRAME_TOO_LARGE),
	BAD_FRAME("bad_frame", ErrorCode.BAD_FRAME, CloseOutcome.BAD_FRAME),
	BUSY("busy", ErrorCode.BUSY, CloseOutcome.BUSY);

	private final String reason;

	private final ErrorCode code;

	private final CloseOutcome outcome;

	FrameRejection(String reason, ErrorCode code, CloseOutcome outcome) {
		this.reason = reason;
		this.code = code;
		this.outcome = outcome;
	}

	/**
	 * The rejection a read failure stands for, or null if it is no rejection (the client
	 * left, an I/O error).
	 */
	static @Nullable FrameRejection of(@Nullable Throwable failure) {
		if (failure instanceof FrameTooLargeException) {
			return TOO_LARGE;
		}
		if (failure instanceof FrameFormatException) {
			return BAD_FRAME;
		}
		if (failure instanceof FrameRefusedException) {
			return BUSY;
		}
		return null;
	}

	/** The {@code reason} tag. */
	public String reason() {
		return this.reason;
	}

	public ErrorCode code() {
		return this.code;
	}

	public CloseOutcome outcome() {
		return this.outcome;
	}

	/** The message of the error line that tells the client. */
	String message(Throwable failure) {
		return switch (this) {
			case TOO_LARGE -> "the frame is longer than " + ((FrameTooLargeException) failure).maxBytes()
					+ " bytes; closing the connection";
			case BAD_FRAME -> "the bytes do not follow this listener's framing (" + failure.getMessage()
					+ "); closing the connection";
			case BUSY -> "the server cannot hold this frame now (its memory for requests is in use); closing the "
					+ "connection";
		};
	}

}
