package dev.breakwater.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A JSON client for the read API under test: one base URL, an optional bearer token per call. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port + "/api/v1";
    }

    /** One answer: status, headers and the body parsed as JSON. */
    record Answer(int status, HttpResponse<String> response, JsonNode json) {
        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String errorCode() {
            return json.path("error").path("code").asText();
        }

        String errorMessage() {
            return json.path("error").path("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + response.body();
        }
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, null, token);
    }

    Answer put(String path, String body, String token) throws IOException, InterruptedException {
        return send("PUT", path, body, token);
    }

    Answer post(String path, String body, String token) throws IOException, InterruptedException {
        return send("POST", path, body, token);
    }

    Answer send(String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response, json);
    }
}
