package io.socketcore.squares;

/**
 * Bounds that keep one {@code SQUARE} request from becoming a denial of service.
 *
 * @param maxNumbers most numbers in one request
 * @param maxDigits most digits (integer and fraction part together) in one number
 */
public record SquareLimits(int maxNumbers, int maxDigits) {
}
