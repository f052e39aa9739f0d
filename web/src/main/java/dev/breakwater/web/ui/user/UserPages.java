package dev.breakwater.web.ui.user;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.breakwater.store.NewUser;
import dev.breakwater.store.ProjectRecord;
import dev.breakwater.store.Store;
import dev.breakwater.store.StoreException;
import dev.breakwater.store.UserRecord;
import dev.breakwater.web.ui.PageGroup;
import dev.breakwater.web.ui.UiContext;
import dev.breakwater.web.ui.UiException;
import dev.breakwater.web.ui.UiReply;
import dev.breakwater.web.ui.UiRequest;
import dev.breakwater.web.ui.UiRoutes;
import dev.breakwater.web.ui.auth.PasswordHasher;
import java.net.URLEncoder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * User administration at {@code /users}, for admins only: the users with their lock-out and project memberships,
 * adding a user, removing one (never oneself, so an admin always remains), unlocking a locked sign-in and choosing
 * which projects a user sees. Every change is a form post answered with a redirect to {@code /users} carrying what
 * was done ({@code ?added=alice}), which the page turns into a notice.
 */
public final class UserPages implements PageGroup {
    private final UiContext context;
    private final PasswordHasher hasher;

    public UserPages(UiContext context) {
        this.context = requireNonNull(context, "context is null");
        this.hasher = new PasswordHasher(new SecureRandom()); // one seeded generator for every new user's salt
    }

    @Override
    public void routes(UiRoutes routes) {
        routes.get("/users", request -> {
            context.requireAdmin(request);
            return page(request, 200, "", new Draft("", false));
        });
        routes.post("/users", this::create);
        routes.post("/users/{id}/delete", this::delete);
        routes.post("/users/{id}/unlock", this::unlock);
        routes.post("/users/{id}/projects", this::memberships);
    }

    /** What was typed into the add-user form, shown again when it is refused (never the password). */
    public record Draft(String username, boolean admin) {}

    private UiReply page(UiRequest request, int status, String error, Draft draft) throws StoreException {
        Store store = context.store();
        Instant now = context.clock().instant();
        List<ProjectRecord> projects = store.projects().stream()
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
        List<UserRow> users = new ArrayList<>();
        for (UserRecord user : store.users()) {
            users.add(UserRow.of(user, store.memberProjects(user.id()), projects, now, request.viewer().user().id()));
        }
        UiReply.Html page = (UiReply.Html) context.page(
                "users.jte",
                context.frame(request, "Users", "users", Optional.empty()),
                "users", users,
                "projects", projects,
                "notice", status == 200 ? notice(request) : "",
                "error", error,
                "draft", draft);
        return new UiReply.Html(status, page.body());
    }

    private static String notice(UiRequest request) {
        return request.query("added").map(name -> "Added user " + name + ".")
                .or(() -> request.query("removed").map(name -> "Removed user " + name + "."))
                .or(() -> request.query("unlocked").map(name -> "Unlocked sign-in for " + name + "."))
                .or(() -> request.query("saved").map(name -> "Saved the projects of " + name + "."))
                .orElse("");
    }

    private UiReply create(UiRequest request) throws Exception {
        context.requireAdmin(request);
        String typed = request.form().first("username").orElse("");
        boolean admin = request.form().first("admin").isPresent();
        Draft draft = new Draft(typed.strip(), admin);
        String username;
        String hash;
        try {
            username = Usernames.check(typed);
            hash = hasher.hash(request.form().first("password").orElse("")); // checks the length first
        } catch (IllegalArgumentException e) {
            return page(request, 400, capitalised(e.getMessage()) + ".", draft);
        }
        Optional<UserRecord> created =
                context.store().createUser(new NewUser(username, hash, admin, context.clock().instant()));
        if (created.isEmpty()) {
            return page(request, 409, "The username " + username + " is taken: choose another.", draft);
        }
        return UiReply.redirect("/users?added=" + encode(username));
    }

    private UiReply delete(UiRequest request) throws Exception {
        context.requireAdmin(request);
        UserRecord user = existing(request);
        if (user.id() == request.viewer().user().id()) {
            return page(request, 400, "You cannot remove yourself; another admin can.", new Draft("", false));
        }
        if (!context.store().deleteUser(user.id())) {
            throw noSuchUser(request);
        }
        return UiReply.redirect("/users?removed=" + encode(user.username()));
    }

    private UiReply unlock(UiRequest request) throws Exception {
        context.requireAdmin(request);
        UserRecord user = existing(request);
        context.store().setSignInState(user.id(), 0, Optional.empty());
        return UiReply.redirect("/users?unlocked=" + encode(user.username()));
    }

    /** Makes the user a member of exactly the checked projects; unchecked boxes are not sent, so absence means no. */
    private UiReply memberships(UiRequest request) throws Exception {
        context.requireAdmin(request);
        UserRecord user = existing(request);
        Set<Long> known = new HashSet<>();
        for (ProjectRecord project : context.store().projects()) {
            known.add(project.id());
        }
        Set<Long> wanted = new HashSet<>();
        for (String value : request.form().all("project")) {
            long id = projectId(value);
            if (!known.contains(id)) {
                throw UiException.badRequest("there is no project with id " + id + "; reload the page and try again");
            }
            wanted.add(id);
        }
        Set<Long> current = context.store().memberProjects(user.id());
        for (long project : known) {
            if (wanted.contains(project) != current.contains(project)) {
                context.store().setMember(user.id(), project, wanted.contains(project));
            }
        }
        return UiReply.redirect("/users?saved=" + encode(user.username()));
    }

    private UserRecord existing(UiRequest request) throws UiException, StoreException {
        long id;
        try {
            id = Long.parseLong(request.path("id"));
        } catch (NumberFormatException e) {
            throw noSuchUser(request);
        }
        return context.store().user(id).orElseThrow(() -> noSuchUser(request));
    }

    private static UiException noSuchUser(UiRequest request) {
        return UiException.notFound("there is no user with id '" + request.path("id") + "'");
    }

    private static long projectId(String value) throws UiException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw UiException.badRequest("'" + value + "' is not a project id");
        }
    }

    private static String capitalised(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
