package io.socketcore.routing;

import java.util.List;

import io.socketcore.protocol.RequestParser;

/**
 * The parsed requests of one read of a pipelining client (a
 * {@link io.socketcore.tcp.FrameBatch}), answered in order by {@link Answers#inOrder}.
 */
record RequestBatch(List<RequestParser.Parsed> requests) {

	/** The router's key for a batch. */
	static final String ROUTE = "BATCH";

}
