package io.socketcore.tcp.connection;

import org.jspecify.annotations.Nullable;

import io.socketcore.memory.MemoryBudget;

/**
 * What every connection of one listener needs to know.
 *
 * @param listener the listener's name, for metrics and logs
 * @param maxConnections connections over this count are answered {@code ERR BUSY} and
 * closed
 * @param maxConnectionsPerAddress connections from one client address over this count are
 * answered {@code ERR BUSY} and closed; 0 means no such limit
 * @param tracker counts connections and rejected frames
 * @param budget the memory budget every connection draws on
 * @param connectionAllowance bytes each connection may hold for an exchange without
 * drawing on the budget
 * @param tls how accepted sockets speak TLS, or null for plain TCP
 */
public record ConnectionSettings(String listener, int maxConnections, int maxConnectionsPerAddress,
		ConnectionTracker tracker, MemoryBudget budget, long connectionAllowance, @Nullable ServerTls tls) {
}
