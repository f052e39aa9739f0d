package dev.breakwater.bench;

/** How a run measured up to one bar; pending when the run could not measure it, with the reason beside it. */
enum Verdict {
    PASS,
    FAIL,
    PENDING
}
