package dev.breakwater.web.ui;

import static java.util.Objects.requireNonNull;

/** What a UI handler answers: a rendered page (or fragment) with a status, or a redirect after a form post. */
public sealed interface UiReply {
    record Html(int status, String body) implements UiReply {
        public Html {
            requireNonNull(body, "body is null");
        }
    }

    /** 303 See Other, so the browser follows with a GET and a reload does not post the form again. */
    record Redirect(String location) implements UiReply {
        public Redirect {
            requireNonNull(location, "location is null");
        }
    }

    /** The session was ended: the UI clears the session cookie and sends the browser to the sign-in page. */
    record SignedOut() implements UiReply {}

    static UiReply ok(String body) {
        return new Html(200, body);
    }

    static UiReply redirect(String location) {
        return new Redirect(location);
    }
}
