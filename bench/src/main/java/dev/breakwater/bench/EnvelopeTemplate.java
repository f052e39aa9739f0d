package dev.breakwater.bench;

import java.util.zip.CRC32;

/**
 * One gzip'd Sentry envelope (envelope header, one {@code event} item) whose event id and timestamps can be
 * re-stamped in place, so every request of a long run carries a unique event id without compressing again.
 *
 * <p>The envelope header and the event payload both start with their {@code event_id}; the envelope header holds
 * {@code sent_at} and the payload {@code timestamp}, all fixed-width, all inside the stored head of a
 * {@link StoredHeadGzip} body. {@link #stamp} writes new values there and recomputes the CRC32 trailer.
 *
 * <p>Not thread-safe: stamping mutates the template's own uncompressed copy. Give each thread its own {@link #copy()}.
 */
final class EnvelopeTemplate {

    static final int ID_LENGTH = 32;
    static final int TIME_LENGTH = Rfc3339Millis.LENGTH;

    private final byte[] uncompressed;
    private final byte[] gzip;
    private final int envelopeIdOffset;
    private final int sentAtOffset;
    private final int payloadIdOffset;
    private final int timestampOffset;
    private final int payloadLength;
    private final Fingerprint fingerprint;

    /** Compresses {@code uncompressed} so that the first {@code headLength} bytes, holding every stamped field, stay verbatim. */
    static EnvelopeTemplate of(byte[] uncompressed, int headLength, int envelopeIdOffset, int sentAtOffset,
            int payloadIdOffset, int timestampOffset, int payloadLength, Fingerprint fingerprint) {
        for (int end : new int[] {envelopeIdOffset + ID_LENGTH, payloadIdOffset + ID_LENGTH, sentAtOffset + TIME_LENGTH,
                timestampOffset + TIME_LENGTH}) {
            if (end > headLength) {
                throw new IllegalArgumentException("stamped fields must lie in the stored head of " + headLength + " bytes");
            }
        }
        return new EnvelopeTemplate(uncompressed, StoredHeadGzip.encode(uncompressed, headLength), envelopeIdOffset,
                sentAtOffset, payloadIdOffset, timestampOffset, payloadLength, fingerprint);
    }

    private EnvelopeTemplate(byte[] uncompressed, byte[] gzip, int envelopeIdOffset, int sentAtOffset, int payloadIdOffset,
            int timestampOffset, int payloadLength, Fingerprint fingerprint) {
        this.uncompressed = uncompressed;
        this.gzip = gzip;
        this.envelopeIdOffset = envelopeIdOffset;
        this.sentAtOffset = sentAtOffset;
        this.payloadIdOffset = payloadIdOffset;
        this.timestampOffset = timestampOffset;
        this.payloadLength = payloadLength;
        this.fingerprint = fingerprint;
    }

    /** An independent template with the same content, for another thread to stamp. */
    EnvelopeTemplate copy() {
        return new EnvelopeTemplate(uncompressed.clone(), gzip.clone(), envelopeIdOffset, sentAtOffset, payloadIdOffset,
                timestampOffset, payloadLength, fingerprint);
    }

    /** The gzip'd envelope as last stamped into this template's own bytes. */
    byte[] gzip() {
        return gzip.clone();
    }

    /** The envelope before compression, as last stamped. */
    byte[] uncompressed() {
        return uncompressed.clone();
    }

    int gzipLength() {
        return gzip.length;
    }

    int uncompressedLength() {
        return uncompressed.length;
    }

    /** Bytes of the event JSON alone (the item's {@code length}). */
    int payloadLength() {
        return payloadLength;
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Copies the gzip'd envelope into {@code target} at {@code offset}, for building a request around it.
     * Later {@link #stamp} calls must use the same target and offset.
     */
    void copyTo(byte[] target, int offset) {
        System.arraycopy(gzip, 0, target, offset, gzip.length);
    }

    /** Re-stamps this template's own gzip bytes. */
    void stamp(byte[] eventIdHex, byte[] rfc3339Time) {
        stamp(gzip, 0, eventIdHex, rfc3339Time);
    }

    /**
     * Writes a new event id (32 lowercase hex) and time (RFC 3339 UTC with millis) into the gzip'd copy at
     * {@code target[offset..]} and fixes its CRC32 trailer.
     */
    void stamp(byte[] target, int offset, byte[] eventIdHex, byte[] rfc3339Time) {
        if (eventIdHex.length != ID_LENGTH || rfc3339Time.length != TIME_LENGTH) {
            throw new IllegalArgumentException("event id must be " + ID_LENGTH + " bytes and time " + TIME_LENGTH);
        }
        put(eventIdHex, envelopeIdOffset, target, offset);
        put(eventIdHex, payloadIdOffset, target, offset);
        put(rfc3339Time, sentAtOffset, target, offset);
        put(rfc3339Time, timestampOffset, target, offset);
        CRC32 crc = new CRC32();
        crc.update(uncompressed);
        StoredHeadGzip.putIntLe(target, offset + gzip.length - 8, (int) crc.getValue());
    }

    private void put(byte[] value, int at, byte[] target, int offset) {
        System.arraycopy(value, 0, uncompressed, at, value.length);
        System.arraycopy(value, 0, target, offset + StoredHeadGzip.HEAD_OFFSET + at, value.length);
    }

    @Override
    public String toString() {
        return "EnvelopeTemplate[" + gzip.length + " bytes gzip'd, " + uncompressed.length + " bytes, "
                + fingerprint.exceptionType() + " at " + fingerprint.callSite().module() + "]";
    }
}
