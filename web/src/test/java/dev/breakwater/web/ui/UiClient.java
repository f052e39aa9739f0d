package dev.breakwater.web.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-less HTTP client for the UI: redirects are not followed and cookies are passed explicitly, so tests see
 * exactly what the server answers to a request with (or without) a session.
 */
public final class UiClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public record Answer(int status, String body, Map<String, List<String>> headers) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        public List<String> setCookies() {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }

        /** The value a Set-Cookie of this answer gives the cookie; empty when it sets none. */
        public Optional<String> cookie(String name) {
            return setCookies().stream()
                    .filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                    .findFirst();
        }

        /** The CSRF token of the first form on the page. */
        public String csrf() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no _csrf field on the page: " + body);
            }
            return m.group(1);
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public UiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Answer get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    public Answer post(String path, Map<String, String> form, Map<String, String> headers) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), all);
    }

    /** Signs in through the form and returns the session cookie's value; fails unless sign-in redirects. */
    public String signIn(String username, String password) throws IOException, InterruptedException {
        Answer form = get("/signin", Map.of());
        String token = form.cookie(WebUi.SIGNIN_COOKIE).orElseThrow();
        Answer answer = post("/signin", Map.of("_csrf", token, "username", username, "password", password),
                Map.of("Cookie", WebUi.SIGNIN_COOKIE + "=" + token));
        if (answer.status() != 303) {
            throw new AssertionError("sign-in as " + username + " failed: " + answer);
        }
        return answer.cookie("bw_session").orElseThrow();
    }

    /** Posts the sign-in form with a fresh form token. */
    public Answer attemptSignIn(String username, String password) throws IOException, InterruptedException {
        String token = get("/signin", Map.of()).cookie(WebUi.SIGNIN_COOKIE).orElseThrow();
        return post("/signin", Map.of("_csrf", token, "username", username, "password", password),
                Map.of("Cookie", WebUi.SIGNIN_COOKIE + "=" + token));
    }

    public static Map<String, String> session(String cookie) {
        return Map.of("Cookie", "bw_session=" + cookie);
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }
}
