package dev.breakwater.web.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The JTE templates under {@code src/main/jte}, compiled into classes at build time (no compiler at run time), in HTML
 * mode: every {@code ${...}} is escaped for where it stands, so event data is always shown as text. Thread-safe.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template (e.g. {@code "issues.jte"}) with its named parameters. */
    public String render(String template, Map<String, Object> params) {
        StringOutput output = new StringOutput(16 * 1024);
        engine.render(template, params, output);
        return output.toString();
    }
}
