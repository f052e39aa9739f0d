package dev.breakwater.web.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The API's opaque list cursor: base64url of a tag of the list it belongs to (16 hex digits of the SHA-256 of, e.g.,
 * {@code issues/7/lastSeen/unresolved/...}) followed by the store's own cursor. Binding the cursor to its list lets
 * the API refuse, as a 400, a cursor that is garbled or that came from another list, filter or sort order, instead
 * of handing it to the store to misread. Stateless.
 */
final class Cursor {
    private static final int TAG_LENGTH = 16;

    private Cursor() {}

    static Optional<String> wrap(String list, Optional<String> storeCursor) {
        return storeCursor.map(cursor -> Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((tag(list) + cursor).getBytes(StandardCharsets.UTF_8)));
    }

    /** The store's cursor inside the {@code cursor} parameter, if one was given. */
    static Optional<String> unwrap(String list, Optional<String> apiCursor) throws ApiException {
        if (apiCursor.isEmpty()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(apiCursor.get()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        if (decoded.length() <= TAG_LENGTH || !decoded.startsWith(tag(list))) {
            throw refused();
        }
        return Optional.of(decoded.substring(TAG_LENGTH));
    }

    static ApiException refused() {
        return ApiException.badParameter("cursor must be the nextCursor of the previous page of this same list "
                + "(same filters and sort), passed unchanged; omit it for the first page");
    }

    /**
     * What to throw when the store refuses a page request with {@link IllegalArgumentException}: the store cursor is
     * the only input passed on unchecked, so with a cursor that is the client's 400, without one it is our bug.
     */
    static Exception refusedByStore(Optional<String> storeCursor, IllegalArgumentException e) {
        return storeCursor.isPresent() ? refused() : e;
    }

    private static String tag(String list) {
        return HexFormat.of().formatHex(ApiTokens.sha256(list), 0, TAG_LENGTH / 2);
    }
}
