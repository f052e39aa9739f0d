package dev.breakwater.ingest.encoding;

/**
 * A request body as it arrived ({@link #wire()}) and after undoing its {@code Content-Encoding}
 * ({@link #decoded()}). Both are prefixes of possibly larger arrays: only the first
 * {@link #wireLength()} and {@link #decodedLength()} bytes are the body, which saves a copy at the end
 * of every read. For identity bodies the two arrays are the same object.
 *
 * <p>The arrays are shared, not copied: callers must not modify them. The body holds part of the
 * server's {@link ByteBudget} until {@link #close()}, which the request handler calls once the body
 * has been appended to the spool (or refused). Closing is idempotent and may happen on any thread.
 */
public final class DecodedBody implements AutoCloseable {
    private final byte[] wire;
    private final int wireLength;
    private final byte[] decoded;
    private final int decodedLength;
    private final ContentEncoding encoding;
    private final BudgetLease lease;

    DecodedBody(
            byte[] wire,
            int wireLength,
            byte[] decoded,
            int decodedLength,
            ContentEncoding encoding,
            BudgetLease lease) {
        this.wire = wire;
        this.wireLength = wireLength;
        this.decoded = decoded;
        this.decodedLength = decodedLength;
        this.encoding = encoding;
        this.lease = lease;
    }

    /** The bytes as received; the body is {@code wire()[0, wireLength())}. */
    public byte[] wire() {
        return wire;
    }

    public int wireLength() {
        return wireLength;
    }

    /** The decoded bytes; the body is {@code decoded()[0, decodedLength())}. */
    public byte[] decoded() {
        return decoded;
    }

    public int decodedLength() {
        return decodedLength;
    }

    /** The {@code Content-Encoding} the wire bytes carry. */
    public ContentEncoding encoding() {
        return encoding;
    }

    /** Bytes of the shared budget this body holds until closed. */
    public long heldBytes() {
        return lease.held();
    }

    BudgetLease lease() {
        return lease;
    }

    /** Returns the body's bytes to the budget. The arrays stay readable but are no longer accounted for. */
    @Override
    public void close() {
        lease.close();
    }

    @Override
    public String toString() {
        return "DecodedBody[" + encoding.token() + ", wire " + wireLength + " bytes, decoded " + decodedLength
                + " bytes]";
    }
}
