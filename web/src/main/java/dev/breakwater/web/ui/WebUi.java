package dev.breakwater.web.ui;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.store.SessionRecord;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.UserRecord;
import dev.breakwater.web.ui.alert.AlertActions;
import dev.breakwater.web.ui.auth.PasswordHasher;
import dev.breakwater.web.ui.auth.SignIn;
import dev.breakwater.web.ui.auth.Tokens;
import dev.breakwater.web.ui.auth.WebSessions;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI: server-rendered pages at the root of the server ({@code /signin}, {@code /projects}, {@code /issues/..},
 * {@code /pipeline}, {@code /users}), static files under {@code /static} and {@code /webjars}.
 *
 * <p>Every page needs a signed-in session (a GET without one is sent to the sign-in page; anything else is refused
 * with 401 or 403), every POST the session's CSRF token. Answers carry a Content-Security-Policy that allows scripts
 * from this server only, so even markup that slipped into a page could not run. Register it after every other service
 * (its paths are the root's). Thread-safe.
 */
public final class WebUi implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);
    static final String SIGNIN_COOKIE = "bw_signin";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final UiContext context;
    private final WebSessions sessions;
    private final SignIn signIn;
    private final SecureRandom random;
    private final List<PageGroup> groups;
    /** "GET /path" of every signed-in route, as registered: tests walk it to check that each one refuses strangers. */
    private final List<String> signedInRoutes = new CopyOnWriteArrayList<>();

    public WebUi(UiContext context, WebSessions sessions, SignIn signIn, SecureRandom random, List<PageGroup> groups) {
        this.context = requireNonNull(context, "context is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.signIn = requireNonNull(signIn, "signIn is null");
        this.random = requireNonNull(random, "random is null");
        this.groups = List.copyOf(groups);
    }

    /**
     * The UI with every page group, sessions and sign-in set up from the context's settings; {@code alerts} carries
     * out acknowledging and resolving alerts.
     */
    public static WebUi create(UiContext context, AlertActions alerts, PasswordHasher hasher, SecureRandom random) {
        UiConfig config = context.config();
        return new WebUi(
                context,
                new WebSessions(context.store(), context.clock(), random, config.sessionLifetime()),
                new SignIn(context.store(), hasher, context.clock(), config.maxFailedSignIns(), config.lockout()),
                random,
                UiPages.all(context, alerts));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.register("/static", staticFiles("breakwater/static"));
        rules.register("/webjars", staticFiles("META-INF/resources/webjars"));
        rules.get("/signin", this::signInPage);
        rules.post("/signin", this::signInSubmit);
        UiRoutes routes = new UiRoutes() {
            @Override
            public void get(String path, UiHandler handler) {
                signedInRoutes.add("GET " + path);
                rules.get(path, page(handler, false));
            }

            @Override
            public void post(String path, UiHandler handler) {
                signedInRoutes.add("POST " + path);
                rules.post(path, page(handler, true));
            }
        };
        routes.get("/", request -> UiReply.redirect("/projects"));
        routes.get("/banner", request -> UiReply.ok(context.render(
                "banner.jte", "banner", context.banner(), "refreshTrigger", "every " + context.config().refreshInterval().toSeconds() + "s")));
        routes.post("/signout", this::signOut);
        groups.forEach(group -> group.routes(routes));
    }

    /** Every route that needs a session, e.g. {@code POST /issues/{id}/status}; filled when the server is built. */
    List<String> signedInRoutes() {
        return List.copyOf(signedInRoutes);
    }

    private static HttpService staticFiles(String classpathLocation) {
        return StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(classpathLocation)
                .build());
    }

    // ---- signed-in pages

    private Handler page(UiHandler handler, boolean post) {
        return (req, res) -> {
            securityHeaders(res);
            UiReply reply;
            try {
                Optional<Viewer> viewer = viewer(req);
                if (viewer.isEmpty()) {
                    refuseAnonymous(req, res, post);
                    return;
                }
                Form form = Form.empty();
                if (post) {
                    form = readForm(req);
                    String token = form.first(CSRF_FIELD).orElse(req.headers().first(HeaderNames.create(CSRF_HEADER)).orElse(null));
                    if (!Tokens.sameSecret(viewer.get().csrfToken(), token)) {
                        throw UiException.forbidden("this form's security token is missing or stale: reload the page and try again");
                    }
                }
                reply = handler.handle(new UiRequest(req, viewer.get(), form));
                if (reply instanceof UiReply.SignedOut) {
                    res.headers().addCookie(cookie(WebSessions.COOKIE, "", Duration.ZERO));
                    reply = UiReply.redirect("/signin");
                }
            } catch (Exception e) {
                reply = errorPage(e, req);
            }
            send(res, reply);
        };
    }

    private Optional<Viewer> viewer(ServerRequest req) throws StoreException {
        Optional<String> cookie = req.headers().cookies().first(WebSessions.COOKIE).asOptional();
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        Optional<SessionRecord> session = sessions.find(cookie.get());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<UserRecord> user = context.store().user(session.get().userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Viewer(user.get(), session.get(), context.store().memberProjects(user.get().id())));
    }

    private static void refuseAnonymous(ServerRequest req, ServerResponse res, boolean post) {
        if (post) {
            send(res, new UiReply.Html(403, "<!DOCTYPE html><title>Sign in first</title><p>Sign in first: <a href=\"/signin\">sign in</a>.</p>"));
        } else if (req.headers().contains(HeaderNames.create("HX-Request"))) {
            // htmx polls a fragment: tell it to send the whole page to the sign-in form
            res.header(HeaderNames.create("HX-Redirect"), "/signin");
            send(res, new UiReply.Html(401, ""));
        } else {
            String query = req.query().rawValue();
            String next = req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
            send(res, UiReply.redirect("/signin?next=" + URLEncoder.encode(next, UTF_8)));
        }
    }

    private static Form readForm(ServerRequest req) throws UiException, IOException {
        if (req.headers().contentLength().orElse(0) > Form.MAX_BYTES) {
            throw new UiException(413, "the form is larger than " + Form.MAX_BYTES + " bytes");
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(Form.MAX_BYTES + 1);
            if (body.length > Form.MAX_BYTES) {
                throw new UiException(413, "the form is larger than " + Form.MAX_BYTES + " bytes");
            }
            return Form.parse(new String(body, UTF_8));
        }
    }

    private UiReply errorPage(Exception e, ServerRequest req) {
        int status;
        String message;
        if (e instanceof UiException ui) {
            status = ui.status();
            message = ui.getMessage();
        } else if (e instanceof IllegalArgumentException bad) {
            status = 400;
            message = bad.getMessage();
        } else if (e instanceof StoreException store && store.isTransient()) {
            status = 503;
            message = "the store is unreachable right now (" + store.getMessage() + "); try again shortly";
            LOG.warn("{} {}: {}", req.prologue().method().text(), req.path().rawPath(), e.toString());
        } else {
            status = 500;
            message = "something went wrong on the server; it is logged";
            LOG.error("{} {} failed", req.prologue().method().text(), req.path().rawPath(), e);
        }
        return new UiReply.Html(status, context.render("error.jte", "status", status, "message", message));
    }

    // ---- sign-in and sign-out

    private void signInPage(ServerRequest req, ServerResponse res) {
        securityHeaders(res);
        String token = Tokens.random(random);
        res.headers().addCookie(cookie(SIGNIN_COOKIE, token, Duration.ofHours(1)));
        send(res, UiReply.ok(context.render(
                "signin.jte", "csrf", token, "next", safeNext(req.query().first("next").orElse("")), "error", "")));
    }

    private void signInSubmit(ServerRequest req, ServerResponse res) {
        securityHeaders(res);
        UiReply reply;
        try {
            Form form = readForm(req);
            // before a session exists, the form's token must match the cookie set with the form (double submit)
            Optional<String> cookie = req.headers().cookies().first(SIGNIN_COOKIE).asOptional();
            if (cookie.isEmpty() || !Tokens.sameSecret(cookie.get(), form.first(CSRF_FIELD).orElse(null))) {
                throw UiException.forbidden("the sign-in form's security token is missing or stale: reload the page and try again");
            }
            String next = safeNext(form.first("next").orElse(""));
            SignIn.Outcome outcome = signIn.attempt(form.first("username").orElse(""), form.first("password").orElse(""));
            reply = switch (outcome) {
                case SignIn.Outcome.SignedIn signedIn -> {
                    WebSessions.Started started = sessions.start(signedIn.user().id());
                    res.headers().addCookie(cookie(WebSessions.COOKIE, started.cookieValue(), sessions.lifetime()));
                    res.headers().addCookie(cookie(SIGNIN_COOKIE, "", Duration.ZERO));
                    yield UiReply.redirect(next.isEmpty() ? "/projects" : next);
                }
                case SignIn.Outcome.WrongCredentials wrong -> new UiReply.Html(401, context.render(
                        "signin.jte", "csrf", cookie.get(), "next", next, "error", "Wrong username or password."));
                case SignIn.Outcome.Locked locked -> new UiReply.Html(429, context.render(
                        "signin.jte", "csrf", cookie.get(), "next", next,
                        "error", "Too many wrong passwords: sign-in for this user is locked until "
                                + CLOCK_TIME.format(locked.until()) + "."));
            };
        } catch (Exception e) {
            reply = errorPage(e, req);
        }
        send(res, reply);
    }

    private UiReply signOut(UiRequest request) throws StoreException {
        Optional<String> cookie = request.http().headers().cookies().first(WebSessions.COOKIE).asOptional();
        if (cookie.isPresent()) {
            sessions.end(cookie.get());
        }
        return new UiReply.SignedOut();
    }

    /** A local path to return to after sign-in; anything else (another host, {@code //evil}) is dropped. */
    static String safeNext(String next) {
        if (next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && next.length() < 2000
                && next.chars().noneMatch(c -> c < 0x20)) {
            return next;
        }
        return "";
    }

    private SetCookie cookie(String name, String value, Duration maxAge) {
        return SetCookie.builder(name, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.LAX)
                .secure(context.config().secureCookies())
                .maxAge(maxAge)
                .build();
    }

    // ---- answers

    private static void securityHeaders(ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Referrer-Policy"), "same-origin");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }

    private static void send(ServerResponse res, UiReply reply) {
        switch (reply) {
            case UiReply.Html html -> {
                res.status(Status.create(html.status()));
                res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
                res.send(html.body().getBytes(UTF_8));
            }
            case UiReply.Redirect redirect -> {
                res.status(Status.SEE_OTHER_303);
                res.header(HeaderNames.LOCATION, redirect.location());
                res.send();
            }
            case UiReply.SignedOut signedOut -> throw new IllegalStateException("a sign-out is answered in page()");
        }
    }
}
