package dev.breakwater.bench.netty;

import java.util.Locale;

/** How much of Breakwater's envelope hot path {@link NettyIngestProbe} does per request, to see where the time goes. */
enum ProbeMode {
    /** Aggregate the body and answer 200: the Netty HTTP stack alone, like the nginx ceiling. */
    HELLO,
    /** Auth, bounded read and decompression, envelope framing; answer 200 without touching the disk. */
    DECODE,
    /** All of {@link #DECODE}, then append the wire bytes to the spool and answer once the group commit has forced them. */
    FULL;

    /** The mode's name on the command line: {@code hello}, {@code decode}, {@code full}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProbeMode parse(String label) {
        for (ProbeMode mode : values()) {
            if (mode.label().equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be hello, decode or full, was '" + label + "'");
    }
}
