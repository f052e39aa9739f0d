package dev.breakwater.pipeline;

import java.util.Locale;

/** What a lane consumer is doing; wire names are lowercase. */
public enum LaneState {
    RUNNING,
    RETRYING,
    PAUSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
