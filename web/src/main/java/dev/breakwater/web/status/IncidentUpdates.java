package dev.breakwater.web.status;

import static java.util.Objects.requireNonNull;

import dev.breakwater.store.IncidentRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An operator's update to a status-page incident, checked before it goes public: a known incident status, a message
 * of 1 to {@link #MAX_MESSAGE} characters without control characters (line breaks and tabs are fine), and the
 * operator's username. {@code resolved} resolves the incident; the monitor opens a new one if the component is still
 * not operational at its next change. Whoever calls this has checked that the operator is signed in and may do it
 * (and the form's CSRF token). Stateless.
 */
public final class IncidentUpdates {
    public static final List<String> STATUSES = List.of("investigating", "identified", "monitoring", "resolved");
    public static final int MAX_MESSAGE = 2000;

    private IncidentUpdates() {}

    /**
     * Adds the update. Empty when there is no such incident.
     *
     * @throws IllegalArgumentException with a sentence for the form when the status or message is not acceptable
     */
    public static Optional<IncidentRecord> add(
            Store store, long incidentId, String status, String message, String operator, Instant now)
            throws StoreException {
        requireNonNull(store, "store is null");
        requireNonNull(now, "now is null");
        return store.addIncidentUpdate(
                incidentId, checkStatus(status), checkMessage(message), Optional.of(checkOperator(operator)), now);
    }

    static String checkStatus(String status) {
        if (status == null || !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + String.join(", ", STATUSES) + ", was '"
                    + (status == null ? "" : status) + "'");
        }
        return status;
    }

    static String checkMessage(String message) {
        String text = message == null ? "" : message.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("write a message: what is happening, or what was done");
        }
        if (text.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException(
                    "the message is " + text.length() + " characters long; keep it to " + MAX_MESSAGE);
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t') || !validSurrogates(text)) {
            throw new IllegalArgumentException("the message contains control characters; type plain text");
        }
        return text;
    }

    static String checkOperator(String operator) {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("an operator update needs the operator's username");
        }
        return operator;
    }

    private static boolean validSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
