package dev.breakwater.monitor;

/** Space on one filesystem, as {@link java.nio.file.FileStore} reports it: what this process may still write, of all. */
public record DiskUsage(long usableBytes, long totalBytes) {
    public DiskUsage {
        if (usableBytes < 0 || totalBytes < 0 || usableBytes > totalBytes) {
            throw new IllegalArgumentException("usable " + usableBytes + " of total " + totalBytes + " bytes");
        }
    }

    /**
     * The fraction used of what this process could fill ({@code totalBytes} is used plus still writable, as {@code df}
     * computes Use%): 1 means our next write fails, whatever is reserved for root or held back by a quota.
     */
    public double usedRatio() {
        return totalBytes == 0 ? 0 : 1 - (double) usableBytes / totalBytes;
    }
}
