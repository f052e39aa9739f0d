package dev.breakwater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeployTest {
    private static Deploy decode(String json) throws DecodeException {
        return Deploy.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fullDeploy() throws Exception {
        Deploy deploy = decode("""
                {"access_token":"t","environment":"production","revision":"8f1c2e3","rollbar_username":"ann",
                 "local_username":"ann-laptop","comment":"hotfix","status":"succeeded"}""");
        assertThat(deploy).isEqualTo(new Deploy("production", "8f1c2e3", java.util.Optional.of("ann"),
                java.util.Optional.of("hotfix"), java.util.Optional.of("succeeded")));
    }

    @Test
    void localUsernameWhenNoRollbarUsername() throws Exception {
        Deploy deploy = decode("{\"environment\":\"staging\",\"revision\":\"abc\",\"local_username\":\"bob\"}");
        assertThat(deploy.user()).contains("bob");
        assertThat(deploy.comment()).isEmpty();
        assertThat(deploy.status()).isEmpty();
    }

    @Test
    void headLongIsARevision() throws Exception {
        assertThat(decode("{\"environment\":\"e\",\"head_long\":\"abc\"}").revision()).isEqualTo("abc");
    }

    @Test
    void malformedDeploys() {
        assertThatThrownBy(() -> decode("{\"revision\":\"abc\"}")).isInstanceOf(DecodeException.class)
                .hasMessage("deploy: environment is missing");
        assertThatThrownBy(() -> decode("{\"environment\":\"e\"}")).hasMessage("deploy: revision is missing");
        assertThatThrownBy(() -> decode("{\"environment\":{},\"revision\":\"r\"}"))
                .hasMessage("deploy: environment must be a string, was an object");
        assertThatThrownBy(() -> decode("environment=e")).hasMessageStartingWith("deploy: body is not valid JSON");
        assertThatThrownBy(() -> decode("")).hasMessage("deploy: body is empty");
    }
}
