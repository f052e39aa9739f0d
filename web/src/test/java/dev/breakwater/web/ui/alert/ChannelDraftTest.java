package dev.breakwater.web.ui.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.store.NewChannel;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelDraftTest {
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    final ChannelSecrets secrets = new ChannelSecrets(new SecureRandom());

    @Test
    void aWebhookGetsAFreshUrlSafeSecretAndOtherKindsNone() {
        NewChannel hook = new ChannelDraft(" Ops ", "webhook", " https://hooks.example.com/x?a=1 ").toNewChannel(secrets, NOW);
        assertThat(hook.name()).isEqualTo("Ops");
        assertThat(hook.target()).isEqualTo("https://hooks.example.com/x?a=1");
        assertThat(hook.secret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(new ChannelDraft("Ops", "webhook", "http://10.0.0.5:8080/in").toNewChannel(secrets, NOW).secret())
                .isNotEqualTo(hook.secret());
        assertThat(new ChannelDraft("Chat", "slack", "https://chat.example.com/hook").toNewChannel(secrets, NOW).secret()).isEmpty();
        assertThat(new ChannelDraft("Mail", "email", "ops@example.com").toNewChannel(secrets, NOW).secret()).isEmpty();
    }

    @Test
    void refusesTargetsThatDoNotFitTheKind() {
        for (String target : List.of("", "ftp://example.com/", "https://", "https:///path", "example.com/hook",
                "javascript:alert(1)", "not a url", "mailto:ops@example.com")) {
            for (String kind : List.of("webhook", "slack")) {
                assertThatThrownBy(() -> new ChannelDraft("x", kind, target).toNewChannel(secrets, NOW))
                        .as("%s %s", kind, target)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("target must be");
            }
        }
        for (String target : List.of("", "ops", "ops@", "@example.com", "ops@@example.com", "o ps@example.com")) {
            assertThatThrownBy(() -> new ChannelDraft("x", "email", target).toNewChannel(secrets, NOW))
                    .as(target)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target must be");
        }
        assertThatThrownBy(() -> new ChannelDraft("x", "sms", "+1555").toNewChannel(secrets, NOW))
                .hasMessageContaining("kind must be webhook, slack or email");
        assertThatThrownBy(() -> new ChannelDraft(" ", "email", "ops@example.com").toNewChannel(secrets, NOW))
                .hasMessageContaining("needs a name");
    }
}
