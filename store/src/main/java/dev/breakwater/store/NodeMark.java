package dev.breakwater.store;

/**
 * How far a lane has processed the records of one ingest node: the highest sequence number and receive time
 * (epoch ms) applied. The processing delay is computed from it.
 */
public record NodeMark(long lastSeq, long lastReceivedAtMillis) {}
