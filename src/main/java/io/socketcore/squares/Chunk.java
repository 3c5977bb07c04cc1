package io.socketcore.squares;

/**
 * A slice of a number list that one task squares: characters {@code [start, end)} of the
 * list text, whose first number is the {@code firstPosition}-th of the request (1-based,
 * for error messages).
 */
record Chunk(int start, int end, int firstPosition) {
}
