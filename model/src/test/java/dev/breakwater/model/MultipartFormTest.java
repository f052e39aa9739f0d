package dev.breakwater.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    private static MultipartForm parse(String contentType, String body) throws DecodeException {
        return MultipartForm.parse(contentType, body.getBytes(UTF_8));
    }

    @Test
    void fieldsAndFilesAsCurlSendsThem() throws Exception {
        MultipartForm form = parse(TYPE, "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"version\"\r\n\r\n"
                + "1.2.3\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"source_map\"; filename=\"app.js.map\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "{\"version\":3}\r\nx--XyZ\r\n\r\n--XyZ--\r\n");
        assertThat(form.names()).containsExactly("version", "source_map");
        assertThat(form.part("version").orElseThrow().text()).isEqualTo("1.2.3");
        assertThat(form.part("version").orElseThrow().filename()).isEmpty();
        MultipartForm.Part file = form.part("source_map").orElseThrow();
        assertThat(file.filename()).contains("app.js.map");
        assertThat(file.contentType()).contains("application/octet-stream");
        // the boundary not right after a line break is content, and so is a line break before the delimiter's own
        assertThat(new String(file.content(), UTF_8)).isEqualTo("{\"version\":3}\r\nx--XyZ\r\n");
        assertThat(form.part("nothing")).isEmpty();
    }

    @Test
    void quotedBoundaryPreambleEpilogueAndPaddingAreAccepted() throws Exception {
        MultipartForm form = parse("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"", "preamble\r\n"
                + "--a b:c  \r\n"
                + "content-disposition: FORM-DATA; name=\"say \\\"hi\\\"\"\r\n\r\n"
                + "\r\n"
                + "--a b:c--epilogue");
        assertThat(form.names()).containsExactly("say \"hi\"");
        assertThat(form.part("say \"hi\"").orElseThrow().length()).isZero();
    }

    @Test
    void anEmptyFormHasNoParts() throws Exception {
        assertThat(parse(TYPE, "--XyZ--\r\n").names()).isEmpty();
    }

    @Test
    void contentTypesThatAreNotAFormWithABoundary() {
        assertThatThrownBy(() -> parse("application/json", "{}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("content type 'application/json' is not multipart/form-data");
        assertThatThrownBy(() -> parse("multipart/form-data", "--x--"))
                .hasMessage("content type 'multipart/form-data' has no boundary");
        assertThatThrownBy(() -> parse("multipart/form-data; boundary=\"\"", "--x--"))
                .hasMessage("content type 'multipart/form-data; boundary=\"\"' has no boundary");
        assertThatThrownBy(() -> parse("multipart/form-data; boundary=" + "b".repeat(71), "--x--"))
                .hasMessageStartingWith("multipart boundary must be 1 to 70 ASCII characters");
        assertThatThrownBy(() -> parse("multipart/form-data; boundary=\"open", "--x--"))
                .hasMessage("parameter 'boundary' has an unclosed quote");
    }

    @Test
    void malformedBodies() {
        String disposition = "Content-Disposition: form-data; name=\"version\"\r\n\r\n";
        assertThatThrownBy(() -> parse(TYPE, ""))
                .isInstanceOf(DecodeException.class)
                .hasMessage("multipart body has no '--XyZ' delimiter");
        assertThatThrownBy(() -> parse(TYPE, "--OTHER\r\n" + disposition + "1\r\n--OTHER--"))
                .hasMessage("multipart body has no '--XyZ' delimiter");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\n" + disposition + "1.2.3"))
                .hasMessage("multipart body ends inside part 1 (no closing '--XyZ')");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\n" + disposition + "1\r\n--XyZ"))
                .hasMessage("multipart body ends before its closing '--XyZ--'");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\n" + disposition + "1\r\n--XyZjunk\r\n"))
                .hasMessage("multipart delimiter is not followed by CRLF at byte 65");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\nContent-Disposition: form-data; name=\"v\"\n\n1\n--XyZ--\n"))
                .hasMessage("multipart delimiter is not followed by CRLF at byte 5");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\nContent-Disposition: form-data; name=\"v\"\r\n"))
                .hasMessage("multipart part 1 has no end of its headers");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--"))
                .hasMessage("multipart part 1 has no Content-Disposition header");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\n\r\n1\r\n--XyZ--"))
                .hasMessage("multipart part 1 has no Content-Disposition header");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\nContent-Disposition: attachment; name=\"v\"\r\n\r\n1\r\n--XyZ--"))
                .hasMessage("multipart part 1 is 'attachment', not form-data");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\n1\r\n--XyZ--"))
                .hasMessage("multipart part 1 has no field name");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\nno colon here\r\n\r\n1\r\n--XyZ--"))
                .hasMessage("multipart part 1 has a malformed header line 'no colon here'");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\n" + disposition + "1\r\n--XyZ\r\n" + disposition + "2\r\n--XyZ--"))
                .hasMessage("form field 'version' appears more than once");
        assertThatThrownBy(() -> parse(TYPE, "--XyZ\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n1\r\n--XyZ--"))
                .hasMessage("multipart part 1 has more than 8192 bytes of headers");
    }

    @Test
    void textMustBeUtf8() throws Exception {
        byte[] body = "--XyZ\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n?\r\n--XyZ--".getBytes(UTF_8);
        body[body.length - 10] = (byte) 0xff;
        MultipartForm form = MultipartForm.parse(TYPE, body);
        assertThatThrownBy(() -> form.part("version").orElseThrow().text())
                .hasMessage("form field 'version' is not UTF-8 text");
    }
}
