package dev.breakwater.store;

/** A stored event: its indexed columns and its document, as the pipeline wrote them. */
public record StoredEvent(EventSummary summary, byte[] document, String documentEncoding) {}
