package dev.breakwater.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormTest {
    @Test
    void decodesRepeatedAndEncodedFields() throws Exception {
        Form form = Form.parse("issue=1&issue=22&name=caf%C3%A9+bar&flag&empty=");

        assertThat(form.all("issue")).containsExactly("1", "22");
        assertThat(form.first("name")).contains("café bar");
        assertThat(form.first("flag")).contains("");
        assertThat(form.first("missing")).isEmpty();
        assertThat(form.all("missing")).isEmpty();
    }

    @Test
    void aRequiredFieldMustHaveText() throws Exception {
        Form form = Form.parse("name=+++&other=x");

        assertThatThrownBy(() -> form.required("name")).isInstanceOf(UiException.class).hasMessageContaining("'name'");
        assertThat(form.required("other")).isEqualTo("x");
    }

    @Test
    void badPercentEncodingIsA400() {
        assertThatThrownBy(() -> Form.parse("name=%zz"))
                .isInstanceOfSatisfying(UiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
