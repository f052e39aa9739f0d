package dev.breakwater.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Where the load goes: a plain-HTTP loopback host, port and envelope path, plus the Sentry public key to send.
 * Only loopback addresses are accepted — load tests here never leave the machine.
 *
 * @param path request target, e.g. {@code /api/1/envelope/}
 */
record Target(String host, int port, String path, String sentryKey) {

    /** From a DSN such as {@code http://KEY@127.0.0.1:18080/1}: the envelope endpoint of its project (PROTOCOLS A.1). */
    static Target fromDsn(String dsn) throws UsageException {
        URI uri = parse("--dsn", dsn);
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new UsageException("--dsn has no public key before '@': " + dsn);
        }
        String key = userInfo.split(":", 2)[0];
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int slash = path.lastIndexOf('/');
        String projectId = slash < 0 ? "" : path.substring(slash + 1);
        if (projectId.isEmpty()) {
            throw new UsageException("--dsn has no project id at the end of its path: " + dsn);
        }
        return of("--dsn", uri, path.substring(0, slash) + "/api/" + projectId + "/envelope/", key);
    }

    static Target fromUrl(String url, String sentryKey) throws UsageException {
        URI uri = parse("--url", url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return of("--url", uri, path, sentryKey);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    String hostHeader() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    String url() {
        return "http://" + hostHeader() + path;
    }

    private static URI parse(String option, String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                throw new UsageException(option + " must be an http:// URL (the load generator speaks plain HTTP/1.1), was " + value);
            }
            if (uri.getHost() == null) {
                throw new UsageException(option + " has no host: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(option + " is not a URL: " + e.getMessage());
        }
    }

    private static Target of(String option, URI uri, String path, String key) throws UsageException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new UsageException(option + " must point at this machine (127.0.0.0/8, localhost or ::1), was " + host);
            }
        } catch (UnknownHostException e) {
            throw new UsageException(option + " host does not resolve: " + host);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return new Target(host, port, path, key);
    }
}
