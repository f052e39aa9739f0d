package dev.breakwater.ingest.encoding;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;

/**
 * A {@code Content-Encoding} ingest can undo: the five Relay accepts (PROTOCOLS A.3) plus identity.
 *
 * <p>Unlike Relay, which treats an unknown coding as identity and then fails on the garbled body, an
 * unknown coding is refused up front with 415 so the sender learns what is wrong.
 */
public enum ContentEncoding {
    IDENTITY("identity"),
    GZIP("gzip"),
    /** A zlib stream (RFC 1950) as HTTP says; a raw deflate stream (RFC 1951) is tolerated too. */
    DEFLATE("deflate"),
    BROTLI("br"),
    ZSTD("zstd");

    private final String token;

    ContentEncoding(String token) {
        this.token = token;
    }

    /** The canonical header token, e.g. {@code br}. */
    public String token() {
        return token;
    }

    /**
     * Parses a {@code Content-Encoding} header value: case-insensitive, surrounding whitespace ignored,
     * {@code x-gzip} taken as gzip, and {@code null} or blank meaning identity. A list such as
     * {@code gzip, identity} is accepted when at most one entry is a real coding; stacked codings
     * ({@code gzip, br}) are refused, since no SDK sends them and each layer would need its own bound.
     *
     * @throws IngestException {@link DiscardReason#UNSUPPORTED_ENCODING} for an unknown or stacked coding
     */
    public static ContentEncoding parse(String header) throws IngestException {
        if (header == null) {
            return IDENTITY;
        }
        if (header.indexOf(',') < 0) {
            return parseToken(header.strip(), header);
        }
        ContentEncoding found = IDENTITY;
        for (String part : header.split(",", -1)) {
            ContentEncoding coding = parseToken(part.strip(), header);
            if (coding == IDENTITY) {
                continue;
            }
            if (found != IDENTITY) {
                throw new IngestException(
                        DiscardReason.UNSUPPORTED_ENCODING,
                        "Content-Encoding '" + printable(header)
                                + "' stacks several codings; send the body with exactly one of gzip, deflate, br or"
                                + " zstd");
            }
            found = coding;
        }
        return found;
    }

    private static ContentEncoding parseToken(String token, String header) throws IngestException {
        if (token.isEmpty() || token.equalsIgnoreCase("identity")) {
            return IDENTITY;
        }
        if (token.equalsIgnoreCase("gzip") || token.equalsIgnoreCase("x-gzip")) {
            return GZIP;
        }
        if (token.equalsIgnoreCase("deflate")) {
            return DEFLATE;
        }
        if (token.equalsIgnoreCase("br")) {
            return BROTLI;
        }
        if (token.equalsIgnoreCase("zstd")) {
            return ZSTD;
        }
        throw new IngestException(
                DiscardReason.UNSUPPORTED_ENCODING,
                "Content-Encoding '" + printable(header) + "' is not supported; use gzip, deflate, br, zstd or none");
    }

    /** The header as it may appear in a message: at most 64 characters, control characters replaced. */
    private static String printable(String header) {
        String cut = header.length() > 64 ? header.substring(0, 64) + "..." : header;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
