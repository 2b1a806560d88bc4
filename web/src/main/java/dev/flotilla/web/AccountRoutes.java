package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.auth.Sessions;
import dev.flotilla.web.auth.TokenLifetime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Personal API tokens (every user, for their own tokens) and the user list (platform super admins). */
final class AccountRoutes {
    private final Console console;

    AccountRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        app.get("/tokens", ctx -> tokens(ctx, flashed(ctx, "tokens")));
        app.post("/tokens", RefusedAttempts.as("token.create.requested", RefusedAttempts.PathId.NONE, this::createToken));
        app.post("/tokens/{id}/revoke", RefusedAttempts.as("token.revoke.requested", RefusedAttempts.PathId.NONE, this::revokeToken));
        app.get("/users", ctx -> users(ctx, flashed(ctx, "users")));
        app.post("/users", RefusedAttempts.as("user.add.requested", RefusedAttempts.PathId.NONE, this::addUser));
    }

    /**
     * Post-redirect-get: a form's result is kept in the session for the page's next view, so reloading that page does
     * not post the form again. (Pages take no API token: a session that ended meanwhile gets the page at once.)
     */
    private void shown(Context ctx, String page, String result, BiConsumer<Context, String> render) {
        Optional<Sessions.Session> found = console.sessions().find(Console.principal(ctx).session());
        if (found.isEmpty()) {
            render.accept(ctx, result);
            return;
        }
        found.get().flash(page, result);
        Console.go(ctx, "/" + page);
    }

    private String flashed(Context ctx, String page) {
        return console.sessions().find(Console.principal(ctx).session()).map(s -> s.takeFlash(page)).orElse(null);
    }

    private void tokens(Context ctx, String created) {
        Principal who = Console.principal(ctx);
        console.page(ctx, "tokens.jte", "API tokens", "tokens", "tokens", console.accounts().store().tokens(who.user()),
                "created", created, "lifetimes", TokenLifetime.CHOICES, "now", java.time.Instant.now());
    }

    private void createToken(Context ctx) {
        Principal who = Console.principal(ctx);
        String label = ctx.formParam("label");
        TokenLifetime lifetime = TokenLifetime.parse(ctx.formParam("expires"), "Expires");
        Accounts.IssuedToken token = console.accounts().issueToken(who.user(), label, lifetime);
        console.fleet().plane().audit().record(who.user(), "token.created", null, null, "label " + label.trim() + ", "
                + TokenLifetime.expiryWords(token.expiresAt()), "ok", who.source());
        shown(ctx, "tokens", token.value(), this::tokens);
    }

    private void revokeToken(Context ctx) {
        Principal who = Console.principal(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE, "No token " + ctx.pathParam("id") + ".");
        }
        if (!console.accounts().store().revokeToken(who.user(), id)) {
            throw new Console.Refusal(404, "Not found", ErrorCode.BAD_USAGE,
                    "You have no token " + id + " in use (not yours, or revoked already).");
        }
        console.fleet().plane().audit().record(who.user(), "token.revoked", null, null, "token " + id, "ok", who.source());
        Console.go(ctx, "/tokens");
    }

    private void users(Context ctx, String addedUser) {
        console.require(ctx, Role.Permission.MANAGE_USERS);
        console.page(ctx, "users.jte", "Users", "users", "users", console.accounts().store().all(), "addedUser", addedUser,
                "roles", Role.values());
    }

    private void addUser(Context ctx) {
        console.require(ctx, Role.Permission.MANAGE_USERS);
        Principal who = Console.principal(ctx);
        String name = java.util.Objects.requireNonNullElse(ctx.formParam("name"), "").trim(); // not "null" when left out
        Role role = Role.parse(ctx.formParam("role"));
        // The admin chooses the first password and hands it over; the console never shows one.
        char[] password = java.util.Objects.requireNonNullElse(ctx.formParam("password"), "").toCharArray();
        try {
            console.accounts().add(name, role, password, who.user());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        console.fleet().plane().audit().record(who.user(), "user.added", null, null, name + " as " + role.word(), "ok", who.source());
        shown(ctx, "users", name, this::users);
    }
}
