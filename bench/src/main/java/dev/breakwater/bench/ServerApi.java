package dev.breakwater.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The few admin calls the server benchmarks make against a running Breakwater on loopback: the read API with the
 * admin bearer token ({@code GET /api/v1/pipeline}, issue search, lane pause and resume), {@code /metrics}, and
 * posting one Sentry envelope. Any answer other than 2xx is an {@link IOException} naming the status and body.
 * Thread-safe (one shared {@link HttpClient}).
 */
final class ServerApi {

    static final String PROCESSED_METRIC = "breakwater_pipeline_records_processed_total";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    ServerApi(String base, String adminToken) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.adminToken = adminToken;
    }

    JsonNode pipeline() throws IOException, InterruptedException {
        return json(send(admin("/api/v1/pipeline").GET().build()));
    }

    /** The {@code events}-like lane's object from a {@code GET /api/v1/pipeline} answer, or a missing node. */
    static JsonNode lane(JsonNode pipeline, String name) {
        for (JsonNode lane : pipeline.path("lanes")) {
            if (lane.path("name").asText().equals(name)) {
                return lane;
            }
        }
        return JSON.missingNode();
    }

    JsonNode pause(String lane) throws IOException, InterruptedException {
        return json(send(admin("/api/v1/lanes/" + lane + "/pause").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    JsonNode resume(String lane) throws IOException, InterruptedException {
        return json(send(admin("/api/v1/lanes/" + lane + "/resume").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** The first page of the project's issues matching {@code text} (title or culprit), in {@code sort} order. */
    JsonNode issues(String projectSlug, String text, String sort, int limit) throws IOException, InterruptedException {
        String query = URLEncoder.encode(text, StandardCharsets.UTF_8);
        return json(send(admin("/api/v1/projects/" + projectSlug + "/issues?query=" + query + "&sort=" + sort + "&limit="
                + limit).GET().build())).path("items");
    }

    /** How many issues of the project match {@code text} (title or culprit), looking at the first page only. */
    int issuesMatching(String projectSlug, String text) throws IOException, InterruptedException {
        String query = URLEncoder.encode(text, StandardCharsets.UTF_8);
        JsonNode page = json(send(admin("/api/v1/projects/" + projectSlug + "/issues?query=" + query + "&limit=10").GET().build()));
        return page.path("items").size();
    }

    /** The records the pipeline has processed on {@code lane} since the server started, from {@code /metrics}. */
    OptionalDouble processedRecords(String lane) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(TIMEOUT).GET().build();
        return counter(send(request), PROCESSED_METRIC, lane);
    }

    /** The value of a Prometheus counter sample with {@code lane="..."} among its labels. */
    static OptionalDouble counter(String exposition, String metric, String lane) {
        String label = "lane=\"" + lane + "\"";
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains(label)) {
                String[] fields = line.substring(line.indexOf('}') + 1).trim().split("\\s+");
                try {
                    return OptionalDouble.of(Double.parseDouble(fields[0]));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** Posts one uncompressed envelope to the project's envelope endpoint; returns the body of the 200. */
    String postEnvelope(Target target, byte[] envelope) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-sentry-envelope")
                .header("X-Sentry-Auth", PreparedRequest.sentryAuth(target.sentryKey()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
                .build();
        return send(request);
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken);
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                    + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
        }
        return response.body();
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
