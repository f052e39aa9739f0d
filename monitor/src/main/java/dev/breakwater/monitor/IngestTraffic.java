package dev.breakwater.monitor;

/** Ingest requests and refusals counted over (about) the last minute. */
public record IngestTraffic(long requests, long refusals) {
    public IngestTraffic {
        if (requests < 0 || refusals < 0) {
            throw new IllegalArgumentException("requests " + requests + ", refusals " + refusals);
        }
    }

    /** Refused fraction of requests; 0 without requests. */
    public double refusalRatio() {
        return requests == 0 ? 0 : Math.min(1, (double) refusals / requests);
    }
}
