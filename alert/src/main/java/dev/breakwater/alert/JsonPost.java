package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a JSON body to an HTTP(S) URL and waits at most the send timeout for the whole exchange; 2xx is success.
 * The JDK client's request timeout covers only the wait for the response headers, so the exchange runs
 * asynchronously and is cancelled (which aborts the connection) when the deadline passes. Errors name the URL's
 * scheme, host and port, never its path or query, where incoming-webhook URLs keep their secret. Thread-safe.
 */
final class JsonPost implements AutoCloseable {
    private final HttpClient client;
    private final Duration timeout;

    JsonPost(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(requireNonNull(connectTimeout, "connectTimeout is null"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    void post(String target, String body, Map<String, String> headers) throws DeliveryException {
        URI uri = uri(target);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Breakwater-Alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request.build(), BodyHandlers.discarding());
        HttpResponse<Void> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw DeliveryException.unreachable(
                    "no answer from " + origin(uri) + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw DeliveryException.unreachable("interrupted while posting to " + origin(uri), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) {
                // the client's own request timeout can fire a moment before ours: the same event, said the same way
                throw DeliveryException.unreachable(
                        "no answer from " + origin(uri) + " within " + timeout.toMillis() + " ms", cause);
            }
            String reason = cause instanceof IOException && cause.getMessage() != null
                    ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    : cause.getClass().getSimpleName();
            throw DeliveryException.unreachable("could not post to " + origin(uri) + " (" + reason + ")", cause);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw DeliveryException.refused(origin(uri) + " answered HTTP " + status);
        }
    }

    /** Aborts exchanges still running. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    private static URI uri(String target) throws DeliveryException {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw DeliveryException.permanent("the channel's target is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw DeliveryException.permanent("the channel's target is not an http(s) URL");
        }
        return uri;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }
}
