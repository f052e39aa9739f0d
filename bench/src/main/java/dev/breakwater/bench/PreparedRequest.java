package dev.breakwater.bench;

import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP/1.1 envelope POST — request line, Sentry headers, gzip'd body — serialised once, so sending it is
 * one socket write. {@link #stamp} gives the body a new event id and time in place. Not thread-safe: one per
 * connection, with its own copy of the template.
 */
final class PreparedRequest {

    private final byte[] bytes;
    private final int bodyOffset;
    private final EnvelopeTemplate template;

    PreparedRequest(Target target, EnvelopeTemplate template) {
        this.template = template;
        String head = "POST " + target.path() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: bench/1.0\r\n"
                + "Content-Type: application/x-sentry-envelope\r\n"
                + "Content-Encoding: gzip\r\n"
                + "X-Sentry-Auth: " + sentryAuth(target.sentryKey()) + "\r\n"
                + "Content-Length: " + template.gzipLength() + "\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        this.bytes = new byte[headBytes.length + template.gzipLength()];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        this.bodyOffset = headBytes.length;
        template.copyTo(bytes, bodyOffset);
    }

    static String sentryAuth(String key) {
        return "Sentry sentry_version=7, sentry_client=bench/1.0, sentry_key=" + key;
    }

    void stamp(byte[] eventIdHex, byte[] rfc3339Time) {
        template.stamp(bytes, bodyOffset, eventIdHex, rfc3339Time);
    }

    byte[] bytes() {
        return bytes;
    }

    int bodyOffset() {
        return bodyOffset;
    }
}
