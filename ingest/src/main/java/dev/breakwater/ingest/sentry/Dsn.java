package dev.breakwater.ingest.sentry;

import static java.util.Objects.requireNonNull;

/**
 * A Sentry DSN, {@code {scheme}://{public_key}[:{secret}]@{host}{path_prefix}/{project_id}}
 * (PROTOCOLS A.1). All parts are strings, the project id included. The deprecated secret is accepted
 * and dropped, so it never reaches logs through this record.
 *
 * @param scheme e.g. {@code https}
 * @param publicKey the key that authenticates the sender
 * @param host host, with {@code :port} if given
 * @param pathPrefix the path before the project id, e.g. {@code /sentry}; empty when there is none
 * @param projectId the last path segment
 */
public record Dsn(String scheme, String publicKey, String host, String pathPrefix, String projectId) {
    public Dsn {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(host, "host is null");
        requireNonNull(pathPrefix, "pathPrefix is null");
        requireNonNull(projectId, "projectId is null");
    }

    /**
     * Parses a DSN. A trailing slash after the project id and a query or fragment are tolerated.
     *
     * @throws IllegalArgumentException naming the part that is missing or malformed (without echoing the DSN,
     *     which may hold a secret)
     */
    public static Dsn parse(String dsn) {
        requireNonNull(dsn, "dsn is null");
        String text = dsn.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("it has no scheme such as https://");
        }
        String scheme = text.substring(0, schemeEnd);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                throw new IllegalArgumentException("its scheme has the character '" + c + "'");
            }
        }
        String rest = text.substring(schemeEnd + 3);
        int cut = indexOfAny(rest, "?#");
        if (cut >= 0) {
            rest = rest.substring(0, cut);
        }
        int firstSlash = rest.indexOf('/');
        int at = rest.lastIndexOf('@', firstSlash < 0 ? rest.length() - 1 : firstSlash);
        if (at < 0) {
            throw new IllegalArgumentException(
                    "it has no public key (expected {scheme}://{public_key}@{host}/{project_id})");
        }
        String userInfo = rest.substring(0, at);
        int colon = userInfo.indexOf(':');
        String publicKey = colon < 0 ? userInfo : userInfo.substring(0, colon);
        if (publicKey.isEmpty()) {
            throw new IllegalArgumentException("its public key is empty");
        }
        String hostAndPath = rest.substring(at + 1);
        int slash = hostAndPath.indexOf('/');
        String host = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("it has no host");
        }
        String path = slash < 0 ? "" : hostAndPath.substring(slash);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int lastSlash = path.lastIndexOf('/');
        String projectId = lastSlash < 0 ? "" : path.substring(lastSlash + 1);
        if (projectId.isEmpty()) {
            throw new IllegalArgumentException("it has no project id after the host");
        }
        return new Dsn(scheme, publicKey, host, path.substring(0, lastSlash), projectId);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
