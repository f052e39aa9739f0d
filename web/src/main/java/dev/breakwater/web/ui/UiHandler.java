package dev.breakwater.web.ui;

/** One UI page or form action. Throw {@link UiException} to refuse with a status and a message. */
@FunctionalInterface
public interface UiHandler {
    UiReply handle(UiRequest request) throws Exception;
}
