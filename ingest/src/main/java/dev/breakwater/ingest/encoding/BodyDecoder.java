package dev.breakwater.ingest.encoding;

import static java.util.Objects.requireNonNull;

import dev.breakwater.ingest.DiscardReason;
import dev.breakwater.ingest.IngestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Reads a request body into memory within {@link BodyLimits} and undoes its {@code Content-Encoding}
 * (gzip, x-gzip, deflate, br, zstd or identity), paying for every buffer from a {@link ByteBudget}.
 *
 * <p>The wire bytes are read first, then decoded from that array: the wire bytes are kept anyway (the
 * spool stores what arrived), and decoding from an array lets gzip and deflate inflate straight into
 * the result. Both limits are enforced while the bytes flow: the wire read stops one byte past
 * {@code maxWireBytes}, and the decoder stops one byte past {@code maxDecodedBytes}, so a
 * decompression bomb costs at most the limit (plus the decoder's window) however far it would expand.
 * Buffers start at the declared {@code Content-Length} (or, for gzip, the trailer's size) and are
 * returned without trimming, so a body of the expected size is never copied.
 *
 * <p>Immutable and thread-safe: make one per endpoint (their limits differ) and share it.
 */
public final class BodyDecoder {
    private static final int INITIAL_WIRE_CAPACITY = 16 * 1024;
    private static final int MIN_DECODED_CAPACITY = 4 * 1024;
    /** Typical JSON compresses 4-10x; start there and double. */
    private static final int EXPECTED_RATIO = 4;
    /** Deflate cannot expand data more than ~1032 times, so a larger size hint is a lie. */
    private static final int MAX_DEFLATE_RATIO = 1032;

    private final BodyLimits limits;
    private final ByteBudget budget;

    public BodyDecoder(BodyLimits limits, ByteBudget budget) {
        this.limits = requireNonNull(limits, "limits is null");
        this.budget = requireNonNull(budget, "budget is null");
    }

    public BodyLimits limits() {
        return limits;
    }

    /**
     * Reads {@code body} to its end and decodes it. The stream is not closed.
     *
     * @param contentEncoding the {@code Content-Encoding} header, or null when absent
     * @param contentLength the {@code Content-Length} header, or -1 when absent (chunked)
     * @return the body; close it when done to give its bytes back to the budget
     * @throws IngestException {@link DiscardReason#UNSUPPORTED_ENCODING} for an unknown coding,
     *     {@link DiscardReason#TOO_LARGE} past either limit, {@link DiscardReason#DECOMPRESSION_FAILED}
     *     for a corrupt body, {@link DiscardReason#OVERLOADED} when the budget is exhausted
     * @throws IOException when reading the request fails (the client went away)
     */
    public DecodedBody read(String contentEncoding, long contentLength, InputStream body)
            throws IngestException, IOException {
        requireNonNull(body, "body is null");
        ContentEncoding encoding = ContentEncoding.parse(contentEncoding);
        if (contentLength > limits.maxWireBytes()) {
            throw new IngestException(
                    DiscardReason.TOO_LARGE,
                    "request body is " + contentLength + " bytes, more than the " + limits.maxWireBytes() + " allowed");
        }
        BudgetLease lease = new BudgetLease(budget);
        boolean done = false;
        try {
            BoundedBuffer wire = readWire(body, contentLength, lease);
            DecodedBody decoded = decode(encoding, wire, lease);
            done = true;
            return decoded;
        } finally {
            if (!done) {
                lease.close();
            }
        }
    }

    /**
     * Undoes a second layer some legacy {@code /store/} clients put inside the body: base64 text of a
     * zlib (or raw deflate, or gzip) stream. The result keeps {@code body}'s wire bytes and budget
     * (closing either body releases both) and is bounded by the same decoded limit.
     *
     * @throws IngestException {@link DiscardReason#DECOMPRESSION_FAILED} when the text is not base64 of
     *     a compressed stream, {@link DiscardReason#TOO_LARGE} past the decoded limit,
     *     {@link DiscardReason#OVERLOADED} when the budget is exhausted
     */
    public DecodedBody inflateBase64(DecodedBody body) throws IngestException {
        BudgetLease lease = body.lease();
        ByteBuffer compressed;
        try {
            // The MIME decoder skips line breaks, which some clients insert every 76 characters.
            compressed = Base64.getMimeDecoder().decode(ByteBuffer.wrap(body.decoded(), 0, body.decodedLength()));
        } catch (IllegalArgumentException e) {
            throw new IngestException(
                    DiscardReason.DECOMPRESSION_FAILED, "body is not valid base64: " + e.getMessage());
        }
        // Allocated by the JDK before it could be paid for; it is at most 3/4 of a body already paid for.
        lease.acquire(compressed.capacity());
        byte[] in = compressed.array();
        int off = compressed.arrayOffset() + compressed.position();
        int len = compressed.remaining();
        lease.acquire(Decompression.INFLATER_WORKING_SET);
        try {
            BoundedBuffer out = new BoundedBuffer(
                    lease, decodedCapacityHint(ContentEncoding.DEFLATE, in, off, len), limits.maxDecodedBytes());
            if (Decompression.isGzip(in, off, len)) {
                Decompression.gunzip(in, off, len, out, "base64-encoded gzip body");
            } else {
                Decompression.inflate(in, off, len, out, "base64-encoded deflate body");
            }
            return new DecodedBody(body.wire(), body.wireLength(), out.array(), out.length(), body.encoding(), lease);
        } finally {
            lease.release(Decompression.INFLATER_WORKING_SET);
        }
    }

    private BoundedBuffer readWire(InputStream body, long contentLength, BudgetLease lease)
            throws IngestException, IOException {
        int max = limits.maxWireBytes();
        BoundedBuffer wire = new BoundedBuffer(lease, contentLength >= 0 ? contentLength : INITIAL_WIRE_CAPACITY, max);
        while (true) {
            if (wire.isFull()) {
                // Read a single byte before growing: the body may be complete already.
                int b = body.read();
                if (b < 0) {
                    return wire;
                }
                if (!wire.tryAppend(b)) {
                    throw new IngestException(
                            DiscardReason.TOO_LARGE, "request body is larger than the " + max + " bytes allowed");
                }
            } else {
                int n = body.read(wire.array(), wire.length(), wire.room());
                if (n < 0) {
                    return wire;
                }
                wire.advance(n);
            }
        }
    }

    private DecodedBody decode(ContentEncoding encoding, BoundedBuffer wire, BudgetLease lease) throws IngestException {
        byte[] in = wire.array();
        int len = wire.length();
        if (encoding == ContentEncoding.IDENTITY || len == 0) {
            if (len > limits.maxDecodedBytes()) {
                throw new IngestException(
                        DiscardReason.TOO_LARGE,
                        "request body is " + len + " bytes, more than the " + limits.maxDecodedBytes() + " allowed");
            }
            return new DecodedBody(in, len, in, len, encoding, lease);
        }
        long workingSet = Decompression.workingSetBytes(encoding, in, 0, len);
        lease.acquire(workingSet);
        try {
            BoundedBuffer out =
                    new BoundedBuffer(lease, decodedCapacityHint(encoding, in, 0, len), limits.maxDecodedBytes());
            Decompression.decode(encoding, in, 0, len, out);
            return new DecodedBody(in, len, out.array(), out.length(), encoding, lease);
        } finally {
            lease.release(workingSet);
        }
    }

    /** A first guess at the decoded size; a wrong guess costs a copy (too small) or idle capacity (too large). */
    private static long decodedCapacityHint(ContentEncoding encoding, byte[] in, int off, int len) {
        long hint = (long) len * EXPECTED_RATIO;
        if (encoding == ContentEncoding.GZIP && len >= 18) {
            // The last member's trailer states its size (mod 2^32): exact for the usual single member.
            int p = off + len - 4;
            long size =
                    (in[p] & 0xffL) | (in[p + 1] & 0xffL) << 8 | (in[p + 2] & 0xffL) << 16 | (in[p + 3] & 0xffL) << 24;
            hint = Math.min(size, (long) len * MAX_DEFLATE_RATIO);
        }
        return Math.max(hint, MIN_DECODED_CAPACITY);
    }
}
