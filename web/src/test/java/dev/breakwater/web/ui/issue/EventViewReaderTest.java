package dev.breakwater.web.ui.issue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakwater.model.CanonicalEvent;
import dev.breakwater.model.DecodeContext;
import dev.breakwater.model.DocumentCodec;
import dev.breakwater.model.EventDocument;
import dev.breakwater.model.RecordDecoder;
import dev.breakwater.store.EventSummary;
import dev.breakwater.store.StoredEvent;
import dev.breakwater.web.api.StoredEventDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventViewReaderTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");
    private static final String EVENT_ID = "0123456789abcdef0123456789abcdef";

    /** A Sentry store payload: a chained exception (KeyError raised while handling ValueError), both with stacks. */
    private static final String SENTRY_EVENT = """
            {"event_id": "0123456789abcdef0123456789abcdef", "timestamp": "2026-03-10T11:59:58Z", "platform": "python",
             "level": "error", "release": "shop@1.1", "environment": "production", "server_name": "web-1",
             "tags": {"region": "eu-west-1", "customer": "<b>acme</b>"},
             "user": {"id": "u1", "email": "ana@example.com", "ip_address": "10.0.0.1"},
             "request": {"method": "POST", "url": "https://shop.example/cart", "headers": {"User-Agent": "curl/8"}},
             "breadcrumbs": {"values": [
               {"timestamp": "2026-03-10T11:59:57.250Z", "category": "http", "level": "info", "message": "GET /cart",
                "data": {"status": 200}},
               {"category": "query", "message": "SELECT 1"}]},
             "contexts": {"runtime": {"name": "CPython", "version": "3.12.1"}},
             "exception": {"values": [
               {"type": "ValueError", "value": "bad input", "module": "builtins",
                "stacktrace": {"frames": [
                  {"function": "main", "module": "app.main", "filename": "app/main.py", "lineno": 10, "in_app": true},
                  {"function": "parse", "filename": "lib/parse.py", "lineno": 99, "in_app": false}]}},
               {"type": "KeyError", "value": "'sku'", "module": "builtins",
                "stacktrace": {"frames": [
                  {"function": "run", "filename": "threading.py", "lineno": 1, "in_app": false},
                  {"function": "handle", "filename": "app/views.py", "lineno": 42, "in_app": true,
                   "pre_context": ["def handle(request):", "    cart = load()"],
                   "context_line": "    item = cart['sku']", "post_context": ["    return item"]},
                  {"function": "__getitem__", "filename": "dict.py", "lineno": 7, "in_app": false},
                  {"function": "raise_it", "filename": "dict.py", "lineno": 8, "in_app": false}]}}]}}
            """;

    @Test
    void showsAStoredSentryEventOutermostExceptionAndLatestCallFirst() throws Exception {
        CanonicalEvent event = RecordDecoder.decode("sentry-store", SENTRY_EVENT.getBytes(UTF_8),
                new DecodeContext("n1", 1, RECEIVED)).getFirst();
        StoredEvent stored = new StoredEvent(summary(), DocumentCodec.encode(EventDocument.stored(event)),
                DocumentCodec.STORED_EVENT);

        EventView view = EventViewReader.read(StoredEventDocument.parse(stored), stored.summary());

        assertThat(view.eventId()).isEqualTo(EVENT_ID);
        assertThat(view.release()).isEqualTo("shop@1.1");
        assertThat(view.environment()).isEqualTo("production");
        assertThat(view.serverName()).isEqualTo("web-1");
        assertThat(view.received().iso()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(view.timestamp().text()).isEqualTo("2026-03-10 11:59:58 UTC");

        assertThat(view.exceptions()).extracting(ExceptionView::type).containsExactly("KeyError", "ValueError");
        ExceptionView thrown = view.exceptions().getFirst();
        assertThat(thrown.value()).isEqualTo("'sku'");
        assertThat(thrown.stack()).extracting(FrameGroup::collapsed).containsExactly(true, false, true);
        assertThat(thrown.stack().get(0).frames()).extracting(FrameView::function)
                .containsExactly("raise_it", "__getitem__");
        FrameView handle = thrown.stack().get(1).frames().getFirst();
        assertThat(handle.location()).isEqualTo("app/views.py");
        assertThat(handle.line()).isEqualTo("42");
        assertThat(handle.context()).containsExactly(
                new FrameView.ContextLine("40", "def handle(request):", false),
                new FrameView.ContextLine("41", "    cart = load()", false),
                new FrameView.ContextLine("42", "    item = cart['sku']", true),
                new FrameView.ContextLine("43", "    return item", false));

        assertThat(view.tags()).containsExactly(
                new EventView.Field("region", "eu-west-1"), new EventView.Field("customer", "<b>acme</b>"));
        assertThat(view.user()).contains(
                new EventView.Field("ID", "u1"), new EventView.Field("Email", "ana@example.com"),
                new EventView.Field("IP address", "10.0.0.1"));
        assertThat(view.request().method()).isEqualTo("POST");
        assertThat(view.request().url()).isEqualTo("https://shop.example/cart");
        assertThat(view.request().headers()).contains(new EventView.Field("User-Agent", "curl/8"));
        assertThat(view.breadcrumbs()).hasSize(2);
        assertThat(view.breadcrumbs().getFirst().time().orElseThrow().text()).isEqualTo("11:59:57.250");
        assertThat(view.breadcrumbs().getFirst().data()).isEqualTo("{\"status\":200}");
        assertThat(view.breadcrumbs().get(1).message()).isEqualTo("SELECT 1");
        assertThat(view.contexts()).extracting(EventView.Context::name).contains("runtime");
        assertThat(view.rawJson()).contains("\"eventId\" : \"" + EVENT_ID + "\"").contains("\n  \"exceptions\"");
    }

    @Test
    void fillsWhatAnOlderDocumentLacksFromTheStoresIndex() throws Exception {
        ObjectNode document = new ObjectMapper().createObjectNode();
        document.putObject("tags");
        StoredEvent stored = new StoredEvent(summary(), document.toString().getBytes(UTF_8), "identity");

        EventView view = EventViewReader.read(StoredEventDocument.parse(stored), stored.summary());

        assertThat(view.message()).isEqualTo("boom");
        assertThat(view.level()).isEqualTo("warning");
        assertThat(view.release()).isEqualTo("r1");
        assertThat(view.environment()).isEmpty();
        assertThat(view.received().iso()).isEqualTo(RECEIVED.toString());
        assertThat(view.exceptions()).isEmpty();
        assertThat(view.stack()).isEmpty();
        assertThat(view.breadcrumbs()).isEmpty();
        assertThat(view.request().present()).isFalse();
        assertThat(view.user()).isEmpty();
        assertThat(view.sdk()).isEmpty();
    }

    @Test
    void readsTheStackOfAMessageEventAndFramesWithoutContext() {
        ObjectNode document = new ObjectMapper().createObjectNode();
        var frames = document.putArray("stacktrace");
        frames.addObject().put("function", "outer").put("module", "com.shop.Main").put("inApp", true);
        frames.addObject().put("function", "inner").put("absPath", "/srv/x.js").put("lineno", 3).put("colno", 9);

        EventView view = EventViewReader.read(document, summary());

        List<FrameView> stack = view.stack().stream().flatMap(group -> group.frames().stream()).toList();
        assertThat(stack).extracting(FrameView::function).containsExactly("inner", "outer");
        assertThat(stack.get(0).location()).isEqualTo("/srv/x.js");
        assertThat(stack.get(0).column()).isEqualTo("9");
        assertThat(stack.get(1).location()).isEqualTo("com.shop.Main");
        assertThat(stack.get(1).module()).isEmpty();
        assertThat(stack.get(1).line()).isEmpty();
        assertThat(stack.get(1).context()).isEmpty();
    }

    @Test
    void refusesADocumentThatIsNotAnObject() {
        StoredEvent stored = new StoredEvent(summary(), "[1]".getBytes(UTF_8), "identity");

        assertThatThrownBy(() -> StoredEventDocument.parse(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(EVENT_ID);
    }

    private static EventSummary summary() {
        return new EventSummary(EVENT_ID, 1, 7, RECEIVED, RECEIVED.minusSeconds(2), "warning", "boom",
                Optional.of("r1"), Optional.empty());
    }
}
