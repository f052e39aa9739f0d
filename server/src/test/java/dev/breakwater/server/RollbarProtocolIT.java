package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.ingest.Lanes;
import dev.breakwater.ingest.ProjectKey;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollbar's item and deploy endpoints as curl, scripts and older notifiers use them, answered in Rollbar's shape. */
class RollbarProtocolIT extends OneServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();

    HttpResponse<String> post(String path, String body, String contentType, String token) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", contentType));
        if (token != null) {
            headers.put("X-Rollbar-Access-Token", token);
        }
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static String item(String uuid) {
        return "{\"data\":{\"environment\":\"production\",\"uuid\":\"" + uuid
                + "\",\"body\":{\"message\":{\"body\":\"disk almost full\"}}}}";
    }

    @Test
    void itemWithTokenInHeaderOrBodyOrFormIsAcceptedWithItsUuid() throws Exception {
        int before = server.records(Lanes.EVENTS).size();
        String uuid = "2f1c5a0e-54f6-4b85-a5c7-3a7f3e9a1b11";
        HttpResponse<String> header = post("/api/1/item/", item(uuid), "application/json", key.rollbarToken());
        assertThat(header.statusCode()).as(header.body()).isEqualTo(200);
        JsonNode reply = JSON.readTree(header.body());
        assertThat(reply.path("err").asInt()).isZero();
        assertThat(reply.path("result").path("uuid").asText()).isEqualTo(uuid);

        String inBody = "{\"access_token\":\"" + key.rollbarToken() + "\"," + item("x").substring(1).replace("\"uuid\":\"x\",", "");
        HttpResponse<String> body = post("/api/1/item/", inBody, "application/json", null);
        assertThat(body.statusCode()).as(body.body()).isEqualTo(200);
        assertThat(JSON.readTree(body.body()).path("result").path("uuid").asText()).hasSize(36);

        String form = "payload=" + URLEncoder.encode(item("3f1c5a0e-54f6-4b85-a5c7-3a7f3e9a1b11"), StandardCharsets.UTF_8);
        HttpResponse<String> formed = post("/api/1/item/", form, "application/x-www-form-urlencoded", key.rollbarToken());
        assertThat(formed.statusCode()).as(formed.body()).isEqualTo(200);
        assertThat(RecordBodies.text(server.records(Lanes.EVENTS).getLast())).contains("disk almost full").startsWith("{");
        assertThat(server.records(Lanes.EVENTS)).hasSize(before + 3);
    }

    @Test
    void badItemsGetRollbarErrors() throws Exception {
        int before = server.records(Lanes.EVENTS).size();
        HttpResponse<String> noToken = post("/api/1/item/", item("u"), "application/json", null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noToken.body()).path("err").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(noToken.body()).path("message").asText()).contains("access token");

        assertThat(post("/api/1/item/", item("u"), "application/json", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(post("/api/1/item/", "{nope", "application/json", key.rollbarToken()).statusCode()).isEqualTo(400);
        HttpResponse<String> semantic = post("/api/1/item/", "{\"data\":{\"body\":{}}}", "application/json", key.rollbarToken());
        assertThat(semantic.statusCode()).isEqualTo(422);
        assertThat(semantic.body()).contains("environment");
        assertThat(server.records(Lanes.EVENTS)).hasSize(before);
    }

    @Test
    void deploysGoToTheDeploysLaneAsJsonOrForm() throws Exception {
        int before = server.records(Lanes.DEPLOYS).size();
        HttpResponse<String> json = post(
                "/api/1/deploy",
                "{\"environment\":\"production\",\"revision\":\"9f8e7d6\",\"local_username\":\"ci\"}",
                "application/json",
                key.rollbarToken());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).path("err").asInt()).isZero();
        HttpResponse<String> form = post(
                "/api/1/deploy/",
                "access_token=" + key.rollbarToken() + "&environment=staging&revision=abc123&comment=hotfix",
                "application/x-www-form-urlencoded",
                null);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(server.records(Lanes.DEPLOYS)).hasSize(before + 2);
        assertThat(RecordBodies.text(server.records(Lanes.DEPLOYS).getLast()))
                .isEqualTo("{\"environment\":\"staging\",\"revision\":\"abc123\",\"comment\":\"hotfix\"}");
        HttpResponse<String> missing = post("/api/1/deploy", "{\"environment\":\"x\"}", "application/json", key.rollbarToken());
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("revision");
    }
}
