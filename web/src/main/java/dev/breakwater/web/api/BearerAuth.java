package dev.breakwater.web.api;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tells who sent a request from its {@code Authorization: Bearer <token>} header: the admin token, compared in
 * constant time (as SHA-256 digests, so not even its length shows in timing), or a project token, looked up by its
 * SHA-256 hex in the store. Thread-safe.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";

    private final byte[] adminTokenHash;
    private final Store store;

    BearerAuth(String adminToken, Store store) {
        requireNonNull(adminToken, "adminToken is null");
        if (adminToken.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        this.adminTokenHash = ApiTokens.sha256(adminToken.strip());
        this.store = requireNonNull(store, "store is null");
    }

    /** @throws ApiException 401 when the header is missing, not a bearer token, or the token is unknown */
    Caller authenticate(Optional<String> authorization) throws ApiException, StoreException {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ApiException.unauthorized("send a token as 'Authorization: Bearer <token>'");
        }
        String token = authorization.get().substring(SCHEME.length()).strip();
        if (token.isEmpty()) {
            throw ApiException.unauthorized("the bearer token is empty; send 'Authorization: Bearer <token>'");
        }
        byte[] hash = ApiTokens.sha256(token);
        if (MessageDigest.isEqual(hash, adminTokenHash)) {
            return Caller.admin();
        }
        Optional<Long> project = store.apiTokenProject(HexFormat.of().formatHex(hash));
        if (project.isEmpty()) {
            throw ApiException.unauthorized("the bearer token is not a known admin or project token");
        }
        return Caller.ofProject(project.get());
    }
}
