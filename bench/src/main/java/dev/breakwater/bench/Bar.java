package dev.breakwater.bench;

/**
 * One row of the results table: a bar from the benchmark issue, what this run measured against it, and the verdict.
 * All fields are display text except the verdict.
 */
record Bar(String name, String measured, String ceiling, String ratio, String target, Verdict verdict) {

    static Bar pending(String name, String target, String reason) {
        return new Bar(name, "not measured: " + reason, "", "", target, Verdict.PENDING);
    }

    /** The bar as a row of BENCHMARKS.md's bars table (Bar, Measured, Ceiling / limit, Ratio, Target, Result). */
    String markdownRow() {
        String result = switch (verdict) {
            case PASS -> "**pass**";
            case FAIL -> "**FAIL**";
            case PENDING -> "pending";
        };
        return "| " + cell(name) + " | " + cell(measured) + " | " + cell(ceiling) + " | " + cell(ratio) + " | "
                + cell(target) + " | " + result + " |\n";
    }

    /** Text made safe for a markdown table cell. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
