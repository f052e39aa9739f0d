package dev.breakwater.bench;

/**
 * The parts of an HTTP response the load generator acts on.
 *
 * @param retryAfter  a {@code Retry-After} header was present
 * @param rateLimits  an {@code X-Sentry-Rate-Limits} header was present
 * @param close       the server will close the connection after this response
 */
record HttpResponse(int status, boolean retryAfter, boolean rateLimits, boolean close) {}
