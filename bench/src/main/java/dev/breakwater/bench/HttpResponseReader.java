package dev.breakwater.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses off a keep-alive connection with as little work as possible: the status line, the few
 * headers that matter ({@code Content-Length}, {@code Transfer-Encoding: chunked}, {@code Connection},
 * {@code Retry-After}, {@code X-Sentry-Rate-Limits}), and the body skipped by length, by chunks, or to end of stream.
 * Bytes past one response stay buffered for the next. Not thread-safe: one per connection.
 */
final class HttpResponseReader {

    private static final int MAX_LINE = 8192;

    private final InputStream in;
    private final byte[] buffer = new byte[16384];
    private int start;
    private int end;

    HttpResponseReader(InputStream in) {
        this.in = in;
    }

    HttpResponse read() throws IOException {
        while (true) {
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + abbreviate(statusLine));
            }
            boolean http10 = statusLine.charAt(7) == '0';
            int status = parseStatus(statusLine);
            long contentLength = -1;
            boolean chunked = false;
            boolean close = http10;
            boolean retryAfter = false;
            boolean rateLimits = false;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed header line: " + abbreviate(line));
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length: " + abbreviate(value));
                    }
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    if (value.equalsIgnoreCase("close")) {
                        close = true;
                    } else if (value.equalsIgnoreCase("keep-alive")) {
                        close = false;
                    }
                } else if (name.equalsIgnoreCase("retry-after")) {
                    retryAfter = true;
                } else if (name.equalsIgnoreCase("x-sentry-rate-limits")) {
                    rateLimits = true;
                }
            }
            if (status >= 100 && status < 200) {
                continue; // interim response: the real one follows
            }
            if (status == 204 || status == 304) {
                // no body by definition
            } else if (chunked) {
                skipChunks();
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else {
                skipToEnd();
                close = true;
            }
            return new HttpResponse(status, retryAfter, rateLimits, close);
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("bad status code in: " + abbreviate(statusLine));
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    private void skipChunks() throws IOException {
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + abbreviate(sizeLine));
            }
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailer fields carry nothing the generator needs
                }
                return;
            }
            skip(size);
            if (!readLine().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private void skip(long bytes) throws IOException {
        long remaining = bytes;
        while (remaining > 0) {
            if (start == end && fill() < 0) {
                throw new EOFException("connection closed with " + remaining + " body bytes outstanding");
            }
            int n = (int) Math.min(remaining, end - start);
            start += n;
            remaining -= n;
        }
    }

    private void skipToEnd() throws IOException {
        start = end;
        while (fill() >= 0) {
            start = end;
        }
    }

    /** A line without its CRLF (a bare LF is tolerated). */
    private String readLine() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    if (lineEnd - start > MAX_LINE) {
                        throw new IOException("response line longer than " + MAX_LINE + " bytes");
                    }
                    String line = new String(buffer, start, lineEnd - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    return line;
                }
            }
            scanned = end;
            if (end - start >= MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            int before = start;
            if (fill() < 0) {
                throw new EOFException(end == start ? "connection closed before a response" : "connection closed mid-line");
            }
            scanned -= before - start; // fill() may have compacted the buffer
        }
    }

    /** Reads more bytes after {@code end}, compacting first; -1 at end of stream. */
    private int fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
