package dev.breakwater.model;

/**
 * A position inside a payload's JSON tree, such as {@code exception.values[0].stacktrace}, for decode errors.
 * A chain of small links: decoding allocates no strings, and the path's text is composed only when an error
 * is reported.
 */
final class Where {
    /** The payload's top-level object. */
    static final Where ROOT = new Where(null, null, -1);

    private final Where parent;
    private final String field;
    private final int index;

    private Where(Where parent, String field, int index) {
        this.parent = parent;
        this.field = field;
        this.index = index;
    }

    Where field(String name) {
        return new Where(this, name, -1);
    }

    Where index(int i) {
        return new Where(this, null, i);
    }

    /** The path of {@code child} under this position. */
    String describe(String child) {
        return parent == null ? child : this + "." + child;
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "the payload";
        }
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.append(out);
        if (field != null) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(field);
        } else {
            out.append('[').append(index).append(']');
        }
    }
}
