package io.socketcore.tcp;

import java.util.List;

/**
 * The frames of one read, in order, when a pipelining client sent more than one: they
 * travel the request flow as one message (Netty and Redis likewise handle a read's worth
 * of requests at once), and their replies come back as one list, in the same order.
 *
 * @param frames the frames' payloads
 */
public record FrameBatch(List<byte[]> frames) {

	/**
	 * The most frames a batch holds: enough to share one message's cost, few enough to
	 * keep replies flowing.
	 */
	public static final int MAX_FRAMES = 64;

}
