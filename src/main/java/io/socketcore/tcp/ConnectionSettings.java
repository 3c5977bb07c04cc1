package io.socketcore.tcp;

/**
 * What every connection of one listener needs to know.
 *
 * @param listener the listener's name, for metrics and logs
 * @param maxConnections connections over this count are answered {@code ERR BUSY} and closed
 * @param unterminatedTimeoutMillis silence after which an unterminated first message is taken as complete;
 * 0 disables
 * @param tracker counts connections and rejected frames
 */
record ConnectionSettings(String listener, int maxConnections, int unterminatedTimeoutMillis,
		ConnectionTracker tracker) {
}
