package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.web.auth.LoginThrottle;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import dev.flotilla.web.auth.Sessions;
import dev.flotilla.web.auth.TokenCheck;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs before every request: finds who is asking (an API token under /api/v1, or a session cookie), sends strangers to the
 * login page (or answers 401 under /api), and refuses a state-changing request of a session without its CSRF
 * token. What a signed-in user may do is checked by each route ({@link Console#require}).
 */
final class Guard {
    /** The longest address (path and query) the console answers. */
    static final int MAX_URI = 8 * 1024;
    /** Where the REST API lives, the only place an API token is taken. */
    static final String API = "/api/v1";

    private final Console console;
    private final TokenUseStamps stamps;

    Guard(Console console) {
        this.console = console;
        this.stamps = new TokenUseStamps(console.accounts(), ConsoleLog.of(console.fleet()));
    }

    void before(Context ctx) {
        securityHeaders(ctx);
        refuseLongUri(ctx);
        String path = ctx.path();
        if (isPublic(path)) {
            return;
        }
        Principal who = identify(ctx);
        if (who == null) {
            if (path.startsWith("/api/")) {
                ctx.header("WWW-Authenticate", "Bearer");
                String sent = ctx.header("Authorization");
                throw new Console.Refusal(401, "Unauthorized", ErrorCode.UNAUTHORIZED,
                        sent != null && sent.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? "The API token sent is not valid: no token has this value (mistyped? it is shown once, when created;"
                        + " or its user was removed). Create a new one on the console's API tokens page and send it as"
                        + " 'Authorization: Bearer <token>'."
                        : "Sign in: send 'Authorization: Bearer <token>' (create a token on the console's API tokens page).");
            }
            Console.go(ctx, "/login");
            ctx.skipRemainingHandlers();
            return;
        }
        if (who.session() != null && changesState(ctx) && !csrfMatches(ctx, who.csrf())) {
            console.fleet().plane().audit().record(who.user(), "csrf.refused", null, null, ctx.method() + " " + path,
                    "denied", who.source());
            throw new Console.Refusal(403, "Forbidden", ErrorCode.FORBIDDEN,
                    "The request carried no valid CSRF token; reload the page and try again.",
                    true);
        }
        InputLimits.check(ctx);
        ctx.attribute(Console.PRINCIPAL, who);
    }

    /**
     * Refuses an address longer than {@link #MAX_URI} as the console refuses anything (a page, or problem+json under
     * /api). Jetty takes longer ones ({@link WebConsole}) so they reach here: at its own limit it answers before the
     * path is even read.
     */
    private static void refuseLongUri(Context ctx) {
        String query = ctx.queryString();
        int length = ctx.req().getRequestURI().length() + (query == null ? 0 : query.length() + 1);
        if (length > MAX_URI) {
            throw new Console.Refusal(414, "URI too long", ErrorCode.BAD_USAGE,
                    "The address is too long: " + length + " characters, where the console"
                    + " takes at most " + MAX_URI + ". Send long choices in a request body (POST) instead.");
        }
    }

    private Principal identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // Counted per address like sign-ins: the audit log is not a place a script can fill with guesses.
            String address = console.clientAddress(ctx);
            String byAddress = "token@" + address;
            LoginThrottle.Attempt attempt = console.tokenThrottle().begin(address, byAddress);
            if (attempt.refused()) {
                long wait = Math.max(1, attempt.retryAfter().toSeconds());
                ctx.header("Retry-After", String.valueOf(wait));
                throw new Console.Refusal(429, "Too many requests", ErrorCode.TOO_MANY_REQUESTS,
                        "Too many refused API tokens from this address; try again in "
                        + wait + " s with a valid token (the console's API tokens page creates one).");
            }
            String token = authorization.substring(7).trim();
            TokenCheck check = console.accounts().check(token);
            if (!isApi(ctx.path())) {
                // Counted as refused, whoever's it is: no CI job sends one there; a leaked one tried on /users is its owner's news.
                console.fleet().plane().audit().record(check.ownerName(), "api.token.refused", null, null,
                        ctx.method() + " " + ctx.path() + ": an API token is taken under " + API + " only", "denied", address);
                throw new Console.Refusal(401, "Unauthorized", ErrorCode.UNAUTHORIZED,
                        "API tokens are for the REST API under " + API + " only; "
                        + ctx.method() + " " + ctx.path() + " is a page of the console: sign in on /login to use it.");
            }
            switch (check) {
                case TokenCheck.Taken taken -> {
                    // Noted only once taken: a token refused on a page was not used, and its "last used" would say it was.
                    // Best effort: a stamp the plane refuses does not refuse the request (TokenUseStamps).
                    stamps.note(taken.owner(), token);
                    console.tokenThrottle().succeeded(address, byAddress, attempt);
                    return new Principal(taken.owner().name(), Role.parse(taken.owner().role()), null, null, address);
                }
                case TokenCheck.Refused refused -> {
                    // Its owner's name and what became of it (never the token): a CI job still sending it is someone's to fix.
                    console.fleet().plane().audit().record(refused.ownerName(), "api.token.refused", null, null,
                            ctx.method() + " " + ctx.path() + ": " + refused.reason(), "denied", address);
                    ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    throw new Console.Refusal(401, "Unauthorized", ErrorCode.UNAUTHORIZED, refused.detail());
                }
                case TokenCheck.Unknown unknown -> {
                    // A guess, a typo, or a removed user's token: worth a line (never the token); answered as anyone unknown.
                    console.fleet().plane().audit().record(unknown.ownerName(), "api.token.refused", null, null,
                            ctx.method() + " " + ctx.path(), "denied", address);
                    return null;
                }
            }
        }
        Optional<Sessions.Session> session = console.sessions().find(ctx.cookie(Console.sessionCookie(ctx)));
        if (session.isEmpty()) {
            return null;
        }
        // The role is read on every request: a changed or removed user loses access at once.
        Optional<Role> role = console.accounts().roleOf(session.get().user());
        if (role.isEmpty()) {
            console.sessions().end(session.get().id());
            return null;
        }
        return new Principal(session.get().user(), role.get(), session.get().id(), session.get().csrf(), console.clientAddress(ctx));
    }

    /**
     * A token is for the REST API only: the pages skip the CSRF check for it, and a token that worked on /users or
     * /tokens could create users or mint tokens that outlive its own revocation.
     */
    private static boolean isApi(String path) {
        return path.equals(API) || path.startsWith(API + "/");
    }

    static boolean changesState(Context ctx) {
        String method = ctx.method().name();
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    static boolean csrfMatches(Context ctx, String expected) {
        String given = ctx.header("X-CSRF-Token");
        String type = ctx.contentType();
        if (given == null && type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            given = ctx.formParam("_csrf");
        }
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isPublic(String path) {
        return path.equals("/login") || path.startsWith("/webjars/") || path.startsWith("/static/")
                || path.equals("/api/v1/openapi.json") || path.equals("/health") || path.equals("/favicon.ico");
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                + " frame-ancestors 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }
}
