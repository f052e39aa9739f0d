package dev.breakwater.web.ui;

/** Paths of the scripts and styles pages load: ours under {@code /static}, libraries from their webjars. */
public final class Assets {
    public static final String CSS = "/static/app.css";
    public static final String JS = "/static/app.js";
    public static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    public static final String UPLOT = "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    public static final String UPLOT_CSS = "/webjars/uplot/1.6.30/dist/uPlot.min.css";

    private Assets() {}
}
