package dev.flotilla.web;

import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.LoginThrottle;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.auth.Sessions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;

/**
 * Login and logout. The login form carries its own CSRF token (double-submit: a cookie and a form field that
 * must agree); failures are rate-limited per address and per user name; a successful login always issues a
 * new session id.
 */
final class LoginRoutes {
    private final Console console;

    LoginRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/login", this::form);
        app.post("/login", this::login);
        app.post("/logout", this::logout);
    }

    private void form(Context ctx) {
        showForm(ctx, null, "");
    }

    private void showForm(Context ctx, String error, String user) {
        // Kept while the browser has one: a second tab or a stray request must not invalidate the first form.
        String existing = ctx.cookie(Console.loginCookie(ctx));
        String token = existing != null && existing.matches("[0-9a-f]{64}") ? existing : console.sessions().randomId();
        ctx.cookie(cookie(ctx, Console.loginCookie(ctx), token, 600));
        console.page(ctx, "login.jte", "Sign in", "", "error", error, "csrf", token, "user", user);
    }

    private void login(Context ctx) {
        String user = Optional.ofNullable(ctx.formParam("user")).orElse("").trim();
        String source = console.clientAddress(ctx);
        Optional<String> unfit = Accounts.unfitName(user);
        // Never the name itself unless a user has it: it may be a password typed into the wrong field.
        String actor = console.accounts().auditName(user);
        String expected = ctx.cookie(Console.loginCookie(ctx));
        if (expected == null || !Guard.csrfMatches(ctx, expected)) {
            console.fleet().plane().audit().record(actor, "login.refused", null, null, "no CSRF token", "denied", source);
            ctx.status(403);
            showForm(ctx, "The form expired; sign in again.", unfit.isPresent() ? "" : user);
            return;
        }
        // Throttled by the audited name: the same for the same name, and never longer than a user name.
        LoginThrottle.Attempt attempt = console.throttle().begin(source, actor);
        if (attempt.refused()) {
            Duration wait = attempt.retryAfter();
            console.fleet().plane().audit().record(actor, "login.throttled", null, null, null, "denied", source);
            ctx.status(429).header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            showForm(ctx, "Too many failed sign-ins; try again in " + Math.max(1, wait.toSeconds()) + " s.",
                    unfit.isPresent() ? "" : user);
            return;
        }
        if (unfit.isPresent()) {
            console.fleet().plane().audit().record(actor, "login", null, null, "user name " + unfit.get(), "failed", source);
            ctx.status(400);
            showForm(ctx, "The field User takes a user name of at most " + Accounts.MAX_NAME + " characters, without control"
                    + " characters; the one sent " + unfit.get() + ".", "");
            return;
        }
        signIn(ctx, user, actor, source, attempt);
    }

    private void signIn(Context ctx, String user, String actor, String source, LoginThrottle.Attempt attempt) {
        char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
        Optional<Role> role = console.accounts().authenticate(user, password);
        java.util.Arrays.fill(password, '\0');
        if (role.isEmpty()) {
            console.fleet().plane().audit().record(actor, "login", null, null, null, "failed", source);
            ctx.status(401);
            showForm(ctx, "Wrong user name or password.", user);
            return;
        }
        console.throttle().succeeded(source, actor, attempt);
        Sessions.Session session = console.sessions().start(user, ctx.cookie(Console.sessionCookie(ctx)));
        ctx.cookie(cookie(ctx, Console.sessionCookie(ctx), session.id(), -1));
        ctx.removeCookie(Console.loginCookie(ctx), "/");
        console.fleet().plane().audit().record(user, "login", null, null, "role " + role.get().word(), "ok", source);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        var who = Console.principal(ctx);
        console.sessions().end(who.session());
        ctx.removeCookie(Console.sessionCookie(ctx), "/");
        console.fleet().plane().audit().record(who.user(), "logout", null, null, null, "ok", who.source());
        Console.go(ctx, "/login");
    }

    /** HttpOnly, SameSite=Strict, and Secure over TLS (directly or behind a proxy saying so) or when configured. */
    private Cookie cookie(Context ctx, String name, String value, int maxAge) {
        boolean secure = console.settings().secureCookies() || "https".equals(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return new Cookie(name, value, "/", maxAge, secure, 0, true, null, null, SameSite.STRICT);
    }
}
