package dev.breakwater.ingest.rollbar;

import static dev.breakwater.ingest.rollbar.RollbarItemTest.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollbarDeployTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void readsEveryFieldFromJson() throws Exception {
        RollbarDeploy deploy = parse("""
                {"access_token":"tok","environment":"production","revision":"8e1c2f5","rollbar_username":"ana",\
                "local_username":"ana.local","comment":"Deploy \\u00e9t\\u00e9","status":"succeeded","extra":{"ignored":[1]}}\
                """, "application/json");
        assertThat(deploy)
                .isEqualTo(new RollbarDeploy(
                        Optional.of("tok"),
                        "production",
                        "8e1c2f5",
                        Optional.of("ana"),
                        Optional.of("ana.local"),
                        Optional.of("Deploy été"),
                        Optional.of("succeeded")));
    }

    @Test
    void readsFormFieldsAsTheRollbarCliSendsThem() throws Exception {
        RollbarDeploy deploy = parse(
                "access_token=tok&environment=production&revision=8e1c2f5&local_username=ana+b&comment=fix%20%231",
                FORM + "; charset=utf-8");
        assertThat(deploy)
                .isEqualTo(new RollbarDeploy(
                        Optional.of("tok"),
                        "production",
                        "8e1c2f5",
                        Optional.empty(),
                        Optional.of("ana b"),
                        Optional.of("fix #1"),
                        Optional.empty()));
    }

    @Test
    void acceptsAliasesAndNumericRevisions() throws Exception {
        RollbarDeploy deploy =
                parse("{\"environment\":\"qa\",\"head_long\":\"abc123\",\"rollbar_name\":\"ana\"}", null);
        assertThat(deploy.revision()).isEqualTo("abc123");
        assertThat(deploy.rollbarUsername()).contains("ana");
        assertThat(parse("{\"environment\":\"qa\",\"revision\":42}", null).revision())
                .isEqualTo("42");
        assertThat(parse("{\"environment\":\"qa\",\"revision\":\"r\",\"head_long\":\"h\"}", null)
                        .revision())
                .isEqualTo("r");
    }

    @Test
    void requiredFieldsAreNamed() {
        assertRefused(
                () -> parse("{\"revision\":\"r\"}", null), DiscardReason.INVALID_PAYLOAD, "environment is required");
        assertRefused(
                () -> parse("environment=&revision=r", FORM), DiscardReason.INVALID_PAYLOAD, "environment is required");
        assertRefused(
                () -> parse("{\"environment\":\"qa\"}", null),
                DiscardReason.INVALID_PAYLOAD,
                "revision is required (as revision or head_long)");
        assertRefused(() -> parse("environment=qa", FORM), DiscardReason.INVALID_PAYLOAD, "revision is required");
    }

    @Test
    void fieldsAreBoundedAndTyped() {
        assertRefused(
                () -> parse("{\"environment\":\"qa\",\"revision\":\"" + "r".repeat(256) + "\"}", null),
                DiscardReason.INVALID_PAYLOAD,
                "revision is 256 characters long, more than 255");
        assertRefused(
                () -> parse(
                        "{\"environment\":\"qa\",\"revision\":\"r\",\"comment\":\"" + "c".repeat(65537) + "\"}", null),
                DiscardReason.INVALID_PAYLOAD,
                "comment is 65537 characters long, more than 65536");
        assertRefused(
                () -> parse("{\"environment\":[\"qa\"],\"revision\":\"r\"}", null),
                DiscardReason.INVALID_PAYLOAD,
                "environment must be a string, not an array");
        assertRefused(
                () -> parse("{\"environment\":\"qa\",\"environment\":\"qb\",\"revision\":\"r\"}", null),
                DiscardReason.INVALID_PAYLOAD,
                "deploy has the key environment twice");
        assertRefused(
                () -> parse("environment=a&environment=b&revision=r", FORM),
                DiscardReason.INVALID_PAYLOAD,
                "form field environment appears twice");
    }

    @Test
    void invalidJsonIsABadRequest() {
        assertRefused(
                () -> parse("{\"environment\":", null), DiscardReason.INVALID_JSON, "deploy body is not valid JSON");
        assertRefused(() -> parse("", null), DiscardReason.INVALID_JSON, "deploy body is empty");
        assertRefused(
                () -> parse("[]", null),
                DiscardReason.INVALID_PAYLOAD,
                "deploy body must be a JSON object, not an array");
    }

    private static RollbarDeploy parse(String body, String contentType) throws IngestException {
        byte[] bytes = body.getBytes(UTF_8);
        return RollbarDeploy.parse(bytes, 0, bytes.length, contentType);
    }
}
