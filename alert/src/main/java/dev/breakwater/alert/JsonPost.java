package dev.breakwater.alert;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a JSON body to an HTTP(S) URL and waits at most the send timeout for the whole exchange; 2xx is success.
 * A 4xx answer other than 408 and 429 is permanent (the receiver rejects this notification as such: sending it again
 * cannot help), with the status and the start of the answer's body as the reason; 408, 429, 5xx and transport
 * failures are worth retrying, and a {@code Retry-After} of the answer (seconds or an HTTP date) says when.
 * The JDK client's request timeout covers only the wait for the response headers, so the exchange runs
 * asynchronously and is cancelled (which aborts the connection) when the deadline passes. Errors name the URL's
 * scheme, host and port, never its path or query, where incoming-webhook URLs keep their secret. Thread-safe.
 */
final class JsonPost implements AutoCloseable {
    private static final int EXCERPT_BYTES = 1024;
    private static final int EXCERPT_CHARS = 200;

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
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(), info -> excerpt());
        HttpResponse<String> response;
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
        if (status >= 200 && status <= 299) {
            return;
        }
        String answer = origin(uri) + " answered HTTP " + status
                + (response.body().isEmpty() ? "" : ": " + response.body());
        if (status >= 400 && status <= 499 && status != 408 && status != 429) {
            throw DeliveryException.permanent(answer);
        }
        throw DeliveryException.refused(answer, retryAfter(response, Instant.now()));
    }

    /**
     * Reads the answer's body, keeping its first {@value #EXCERPT_BYTES} bytes as one line of text (a reason such as
     * {@code {"error":"channel_not_found"}}) and discarding the rest, so a large body costs no memory.
     */
    private static HttpResponse.BodySubscriber<String> excerpt() {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        return HttpResponse.BodySubscribers.fromSubscriber(new Flow.Subscriber<List<ByteBuffer>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer buffer : buffers) {
                    int take = Math.min(buffer.remaining(), EXCERPT_BYTES - kept.size());
                    if (take > 0) {
                        byte[] bytes = new byte[take];
                        buffer.get(bytes);
                        kept.write(bytes, 0, take);
                    }
                }
            }

            @Override
            public void onError(Throwable throwable) {
                // the exchange fails with it
            }

            @Override
            public void onComplete() {}
        }, subscriber -> oneLine(kept.toString(StandardCharsets.UTF_8)));
    }

    /** Control characters and runs of whitespace become one space; cut at {@value #EXCERPT_CHARS} chars. */
    static String oneLine(String text) {
        String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
    }

    /** The answer's {@code Retry-After} from {@code now}: delta seconds, or an HTTP date; empty when absent or bad. */
    static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        try {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
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
