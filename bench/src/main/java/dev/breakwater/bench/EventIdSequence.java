package dev.breakwater.bench;

/**
 * Event ids for one load-generator connection: 64 random bits fixed per sequence, then the stream number and a
 * counter, as 32 lowercase hex digits. Ids never repeat within a run (streams differ, counters only grow) and collide
 * across runs only if two 64-bit nonces do. Not thread-safe.
 */
final class EventIdSequence implements EventIds {

    private final long nonce;
    private final long streamBits;
    private long counter;

    EventIdSequence(long nonce, int stream) {
        if (stream < 0 || stream >= 1 << 24) {
            throw new IllegalArgumentException("stream must be in [0, 2^24), was " + stream);
        }
        this.nonce = nonce;
        this.streamBits = (long) stream << 40;
    }

    @Override
    public void next(byte[] target) {
        if (counter >= 1L << 40) {
            throw new IllegalStateException("a stream holds 2^40 ids");
        }
        EventIds.writeHex(nonce, target, 0);
        EventIds.writeHex(streamBits | counter++, target, 16);
    }
}
