package dev.breakwater.model;

/**
 * An issue's title, derived as Sentry derives it. An error event is titled by its outermost exception (the last
 * one): {@code "{type}: {first line of value}"}, or just the type when the value is empty, or the value when the
 * type is. A message event is titled by the first line of its message, or {@code <unlabeled event>}. A title the
 * client sent (Rollbar {@code data.title}) overrides both. Titles are cut to {@value #MAX_LENGTH} characters.
 */
final class Title {
    static final int MAX_LENGTH = 200;
    static final String UNLABELED = "<unlabeled event>";

    private Title() {}

    static String of(CanonicalEvent event) {
        if (event.title().isPresent()) {
            return Json.clip(event.title().get(), MAX_LENGTH);
        }
        if (event.isError()) {
            ExceptionValue thrown = event.exceptions().getLast();
            String type = thrown.type().strip();
            String value = firstLine(thrown.value());
            String title;
            if (value.isEmpty()) {
                title = type.isEmpty() ? "Error" : type;
            } else {
                title = type.isEmpty() ? value : type + ": " + value;
            }
            return Json.clip(title, MAX_LENGTH);
        }
        String line = firstLine(event.message());
        return line.isEmpty() ? UNLABELED : Json.clip(line, MAX_LENGTH);
    }

    /** The first line of {@code text} after leading and trailing blanks are stripped. */
    static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        String line = newline < 0 ? stripped : stripped.substring(0, newline);
        return line.strip();
    }
}
