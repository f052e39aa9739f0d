package dev.breakwater.server.config;

/**
 * One configuration key: its dotted kebab-case name, its default (as text, parsed like any value) and one line of doc.
 * Every key Breakwater reads is declared once, in {@link ConfigKeys}.
 */
public record ConfigKey(String name, String defaultValue, String doc, boolean secret) {

    static ConfigKey key(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, doc, false);
    }

    static ConfigKey secret(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, doc, true);
    }

    /** The environment variable that overrides this key: {@code spool.segment-size} → {@code BREAKWATER_SPOOL_SEGMENT_SIZE}. */
    public String environmentVariable() {
        return "BREAKWATER_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
