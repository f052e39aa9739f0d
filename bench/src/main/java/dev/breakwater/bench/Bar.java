package dev.breakwater.bench;

/**
 * One row of the results table: a bar from the benchmark issue, what this run measured against it, and the verdict.
 * All fields are display text except the verdict.
 */
record Bar(String name, String measured, String ceiling, String ratio, String target, Verdict verdict) {

    static Bar pending(String name, String target, String reason) {
        return new Bar(name, "not measured: " + reason, "", "", target, Verdict.PENDING);
    }
}
