package dev.breakwater.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArtifactUploadTest {
    private static final String TYPE = "multipart/form-data; boundary=b0undary";

    private static String field(String name, String value) {
        return "--b0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String name, String filename, String content) {
        return "--b0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
    }

    private static ArtifactUpload decode(String source, String body) throws DecodeException {
        return ArtifactUpload.decode(source, TYPE, (body + "--b0undary--\r\n").getBytes(UTF_8));
    }

    @Test
    void aSourceMapIsNamedByItsMinifiedUrl() throws Exception {
        ArtifactUpload upload = decode("rollbar-sourcemap", field("access_token", "secret")
                + field("version", " 1.4.2 ")
                + field("minified_url", "https://shop.example/static/app.min.js")
                + file("source_map", "app.min.js.map", "{\"version\":3,\"mappings\":\"AAAA\"}")
                + file("static/app.js", "app.js", "function a() {}"));
        assertThat(upload.kind()).isEqualTo("sourcemap");
        assertThat(upload.version()).isEqualTo("1.4.2");
        assertThat(upload.name()).isEqualTo("https://shop.example/static/app.min.js");
        assertThat(new String(upload.content(), UTF_8)).isEqualTo("{\"version\":3,\"mappings\":\"AAAA\"}");
        // sha256 of that content, as `sha256sum` prints it
        assertThat(upload.sha256()).isEqualTo(ArtifactUpload.sha256(upload.content())).hasSize(64);
        assertThat(ArtifactUpload.sha256("abc".getBytes(UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aProguardMappingIsNamedByItsUuidElseItsFileName() throws Exception {
        String mapping = "com.shop.App -> a:\n    void run() -> a\n";
        ArtifactUpload byUuid = decode("rollbar-proguard", field("version", "42")
                + field("uuid", "6b1d2c9e-2f4a-4c1e-9a57-0d8f3c2b1a00") + file("mapping", "mapping.txt", mapping));
        assertThat(byUuid.kind()).isEqualTo("proguard");
        assertThat(byUuid.version()).isEqualTo("42");
        assertThat(byUuid.name()).isEqualTo("6b1d2c9e-2f4a-4c1e-9a57-0d8f3c2b1a00");
        assertThat(new String(byUuid.content(), UTF_8)).isEqualTo(mapping);

        ArtifactUpload byFile = decode("rollbar-proguard", field("version", "42") + file("mapping", "mapping.txt", mapping));
        assertThat(byFile.name()).isEqualTo("mapping.txt");
    }

    @Test
    void missingOrUnusableFieldsAreNamed() {
        assertThatThrownBy(() -> decode("rollbar-sourcemap", field("minified_url", "u") + file("source_map", "m", "{}")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("rollbar-sourcemap: form field 'version' is missing (fields: minified_url, source_map)");
        assertThatThrownBy(() -> decode("rollbar-sourcemap", field("version", "1") + file("source_map", "m", "{}")))
                .hasMessage("rollbar-sourcemap: form field 'minified_url' is missing (fields: version, source_map)");
        assertThatThrownBy(() -> decode("rollbar-sourcemap", field("version", "1") + field("minified_url", "u")))
                .hasMessage("rollbar-sourcemap: file field 'source_map' is missing (fields: version, minified_url)");
        assertThatThrownBy(() -> decode("rollbar-sourcemap",
                        field("version", "  ") + field("minified_url", "u") + file("source_map", "m", "{}")))
                .hasMessage("rollbar-sourcemap: form field 'version' is blank");
        assertThatThrownBy(() -> decode("rollbar-sourcemap",
                        field("version", "1") + field("minified_url", "u") + file("source_map", "m", "")))
                .hasMessage("rollbar-sourcemap: file field 'source_map' is empty");
        assertThatThrownBy(() -> decode("rollbar-sourcemap", field("version", "v".repeat(201))
                        + field("minified_url", "u") + file("source_map", "m", "{}")))
                .hasMessage("rollbar-sourcemap: form field 'version' is longer than 200 characters");
        assertThatThrownBy(() -> decode("rollbar-proguard", field("version", "1")))
                .hasMessage("rollbar-proguard: file field 'mapping' is missing (fields: version)");
        assertThatThrownBy(() -> decode("rollbar-proguard", field("version", "1") + field("mapping", "a -> b")))
                .hasMessage("rollbar-proguard: the mapping has no file name and the form no uuid field to name it by");
        assertThatThrownBy(() -> decode("rollbar-item", field("version", "1")))
                .hasMessage("rollbar-item: not an artifact upload");
        assertThatThrownBy(() -> ArtifactUpload.decode("rollbar-sourcemap", "application/json", "{}".getBytes(UTF_8)))
                .hasMessage("rollbar-sourcemap: content type 'application/json' is not multipart/form-data");
    }
}
