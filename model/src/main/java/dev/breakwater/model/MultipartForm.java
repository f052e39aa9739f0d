package dev.breakwater.model;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578, on RFC 2046's multipart syntax), parsed strictly: the boundary comes
 * from the content type; the body is an optional preamble, then {@code --boundary CRLF}, each part's header lines and
 * an empty line, its content up to {@code CRLF --boundary}, and finally {@code --boundary--}. Every part needs a
 * {@code Content-Disposition: form-data; name="..."} header, and a name may appear once. Anything else (no boundary, a
 * body that ends before the closing delimiter, bare LF line ends, a header line without a colon) is a
 * {@link DecodeException} saying what is wrong.
 *
 * <p>Parts are views into the body, not copies: the only copy is the one a caller makes of the content it keeps.
 * Immutable once parsed, as long as the caller leaves the body alone.
 */
public final class MultipartForm {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_BOUNDARY = 70; // RFC 2046
    private static final int MAX_HEADER_BYTES = 8192; // one part's header block

    /** One part of the form: a view of its bytes in the body. */
    public static final class Part {
        private final String name;
        private final Optional<String> filename;
        private final Optional<String> contentType;
        private final byte[] body;
        private final int offset;
        private final int length;

        Part(String name, Optional<String> filename, Optional<String> contentType, byte[] body, int offset, int length) {
            this.name = requireNonNull(name, "name is null");
            this.filename = requireNonNull(filename, "filename is null");
            this.contentType = requireNonNull(contentType, "contentType is null");
            this.body = requireNonNull(body, "body is null");
            this.offset = offset;
            this.length = length;
        }

        public String name() {
            return name;
        }

        /** The {@code filename} parameter of its disposition: present for file fields. */
        public Optional<String> filename() {
            return filename;
        }

        /** Its own {@code Content-Type} header, if it has one. */
        public Optional<String> contentType() {
            return contentType;
        }

        /** Size of the content in bytes. */
        public int length() {
            return length;
        }

        /** The content, copied. */
        public byte[] content() {
            return Arrays.copyOfRange(body, offset, offset + length);
        }

        /** The content as UTF-8 text; malformed UTF-8 is a {@link DecodeException}. */
        public String text() throws DecodeException {
            try {
                return UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body, offset, length))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new DecodeException("form field '" + name + "' is not UTF-8 text");
            }
        }
    }

    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = parts;
    }

    /** The part with that field name, if the form has one. */
    public Optional<Part> part(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    /** Field names in the order of the body. */
    public List<String> names() {
        return List.copyOf(parts.keySet());
    }

    /**
     * Parses {@code body}, whose {@code Content-Type} header was {@code contentType}.
     *
     * @throws DecodeException when the content type is not multipart/form-data with a boundary, or the body is not a
     *     well-formed form with that boundary
     */
    public static MultipartForm parse(String contentType, byte[] body) throws DecodeException {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        byte[] dashBoundary = ("--" + boundary(contentType)).getBytes(US_ASCII);
        byte[] delimiter = concat(CRLF, dashBoundary);

        int at = body.length >= dashBoundary.length && startsWith(body, 0, dashBoundary) ? 0 : -1;
        if (at < 0) {
            int found = indexOf(body, delimiter, 0); // after a preamble
            if (found < 0) {
                throw new DecodeException("multipart body has no '" + new String(dashBoundary, US_ASCII)
                        + "' delimiter");
            }
            at = found + CRLF.length;
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        while (true) {
            at += dashBoundary.length;
            if (startsWith(body, at, new byte[] {'-', '-'})) {
                return new MultipartForm(parts); // the close delimiter; an epilogue after it is ignored
            }
            at = skipPadding(body, at);
            if (!startsWith(body, at, CRLF)) {
                throw new DecodeException(at >= body.length
                        ? "multipart body ends before its closing '" + new String(dashBoundary, US_ASCII) + "--'"
                        : "multipart delimiter is not followed by CRLF at byte " + at);
            }
            at += CRLF.length;
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, at);
            boolean noHeaders = startsWith(body, at, CRLF);
            if (headersEnd < 0 && !noHeaders) {
                throw new DecodeException("multipart part " + (parts.size() + 1) + " has no end of its headers");
            }
            int contentStart = noHeaders ? at + CRLF.length : headersEnd + 4;
            if (contentStart - at > MAX_HEADER_BYTES) {
                throw new DecodeException("multipart part " + (parts.size() + 1) + " has more than "
                        + MAX_HEADER_BYTES + " bytes of headers");
            }
            Map<String, String> headers = noHeaders ? Map.of() : headers(body, at, headersEnd, parts.size() + 1);
            int contentEnd = indexOf(body, delimiter, contentStart);
            if (contentEnd < 0) {
                throw new DecodeException("multipart body ends inside part " + (parts.size() + 1)
                        + " (no closing '" + new String(dashBoundary, US_ASCII) + "')");
            }
            Part part = part(headers, body, contentStart, contentEnd - contentStart, parts.size() + 1);
            if (parts.putIfAbsent(part.name(), part) != null) {
                throw new DecodeException("form field '" + part.name() + "' appears more than once");
            }
            at = contentEnd + CRLF.length;
        }
    }

    /** The {@code boundary} parameter of a multipart/form-data content type. */
    static String boundary(String contentType) throws DecodeException {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        if (!mediaType.equalsIgnoreCase("multipart/form-data")) {
            throw new DecodeException("content type '" + contentType + "' is not multipart/form-data");
        }
        Map<String, String> parameters = semicolon < 0 ? Map.of() : parameters(contentType.substring(semicolon + 1));
        String boundary = parameters.get("boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw new DecodeException("content type '" + contentType + "' has no boundary");
        }
        if (boundary.length() > MAX_BOUNDARY || !US_ASCII.newEncoder().canEncode(boundary)) {
            throw new DecodeException("multipart boundary must be 1 to 70 ASCII characters, was '" + boundary + "'");
        }
        return boundary;
    }

    private static Part part(Map<String, String> headers, byte[] body, int offset, int length, int index)
            throws DecodeException {
        String disposition = headers.get("content-disposition");
        if (disposition == null) {
            throw new DecodeException("multipart part " + index + " has no Content-Disposition header");
        }
        int semicolon = disposition.indexOf(';');
        String type = (semicolon < 0 ? disposition : disposition.substring(0, semicolon)).strip();
        if (!type.equalsIgnoreCase("form-data")) {
            throw new DecodeException("multipart part " + index + " is '" + type + "', not form-data");
        }
        Map<String, String> parameters = semicolon < 0 ? Map.of() : parameters(disposition.substring(semicolon + 1));
        String name = parameters.get("name");
        if (name == null || name.isEmpty()) {
            throw new DecodeException("multipart part " + index + " has no field name");
        }
        return new Part(name, Optional.ofNullable(parameters.get("filename")),
                Optional.ofNullable(headers.get("content-type")), body, offset, length);
    }

    /** Header lines of one part, by lower-case name; bytes are read as UTF-8 (RFC 7578 allows it in file names). */
    private static Map<String, String> headers(byte[] body, int from, int to, int index) throws DecodeException {
        Map<String, String> headers = new LinkedHashMap<>();
        String block = new String(body, from, to - from, UTF_8);
        for (String line : block.split("\r\n", -1)) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new DecodeException("multipart part " + index + " has a header line not ended by CRLF");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new DecodeException("multipart part " + index + " has a malformed header line '"
                        + abbreviate(line) + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    /** {@code ; key=value; key="quoted \" value"} parameters, by lower-case key. */
    private static Map<String, String> parameters(String text) throws DecodeException {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new DecodeException("malformed parameter '" + abbreviate(text.substring(i)) + "'");
            }
            String key = text.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < text.length()) {
                    char v = text.charAt(i++);
                    if (v == '\\' && i < text.length()) {
                        value.append(text.charAt(i++));
                    } else if (v == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(v);
                    }
                }
                if (!closed) {
                    throw new DecodeException("parameter '" + key + "' has an unclosed quote");
                }
            } else {
                int end = text.indexOf(';', i);
                end = end < 0 ? text.length() : end;
                value.append(text, i, end);
                i = end;
            }
            parameters.putIfAbsent(key, value.toString().strip());
        }
        return parameters;
    }

    private static int skipPadding(byte[] body, int at) {
        while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
            at++;
        }
        return at;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        return Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /** First index of {@code pattern} in {@code body} at or after {@code from}, or -1. */
    static int indexOf(byte[] body, byte[] pattern, int from) {
        byte first = pattern[0];
        int last = body.length - pattern.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (body[i] == first && Arrays.equals(body, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
