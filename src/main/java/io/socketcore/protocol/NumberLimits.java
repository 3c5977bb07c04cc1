package io.socketcore.protocol;

/**
 * Bounds that keep one {@code SQUARE} request from becoming a denial of service, checked
 * before any work proportional to what they bound.
 *
 * @param maxNumbers most numbers in one request
 * @param maxDigits most digits (integer and fraction part together) in one number
 */
public record NumberLimits(int maxNumbers, int maxDigits) {
}
