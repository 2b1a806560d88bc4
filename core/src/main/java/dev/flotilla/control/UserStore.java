package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console's users and their API tokens. Holds hashes only: the password hash is made by the console
 * (Argon2id), a token is stored as the SHA-256 of its value. Thread-safe, like every store.
 */
public final class UserStore {
    /** A user as stored; {@code passwordHash} never leaves the server. */
    public record User(String name, String role, String passwordHash, Instant createdAt, String createdBy) {
        /** As a record says itself, the hash left out: an application logging a user logs nothing to guess from. */
        @Override
        public String toString() {
            return "User[name=" + name + ", role=" + role + ", passwordHash=****, createdAt=" + createdAt + ", createdBy="
                    + createdBy + "]";
        }
    }

    /**
     * A token's description; its value was shown once and is not stored. {@code expiresAt} is null for a token that never
     * expires, {@code revokedAt} null for one not revoked.
     */
    public record Token(long id, String user, String label, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                        Instant revokedAt) {
        public boolean revoked() {
            return revokedAt != null;
        }

        /** Whether it has expired at {@code now}: from its expiry on, it no longer works. */
        public boolean expiredAt(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    /** A token with the user it acts as. */
    public record OwnedToken(User owner, Token token) {
    }

    private static final String TOKEN_COLUMNS = "t.id, t.user_name, t.label, t.created_at, t.last_used_at, t.expires_at,"
            + " t.revoked_at";

    private final ControlPlane plane;

    UserStore(ControlPlane plane) {
        this.plane = plane;
    }

    /**
     * Adds a user; a name already taken, in any case ({@code oper} and {@code OPER} would read alike in the audit log),
     * is an error naming it.
     */
    public void add(String name, String role, String passwordHash, String createdBy) {
        plane.write("adding user " + name, c -> {
            String taken = Jdbc.queryString(c, "SELECT name FROM console_users WHERE LOWER(name) = LOWER(?)", name);
            if (taken != null) {
                throw new FlotillaException(ErrorCode.BAD_USAGE, "User " + taken + " already exists"
                        + (taken.equals(name) ? "." : " (a name differing only in case would read alike in the audit log)."));
            }
            return Jdbc.update(c, "INSERT INTO console_users (name, role, password_hash, created_at, created_by)"
                    + " VALUES (?, ?, ?, ?, ?)", name, role, passwordHash, PlaneTime.now(), createdBy);
        });
    }

    public Optional<User> find(String name) {
        return users("WHERE name = ?", name).stream().findFirst();
    }

    public List<User> all() {
        return users("");
    }

    public boolean remove(String name) {
        return plane.write("removing user " + name, c -> Jdbc.update(c, "DELETE FROM console_users WHERE name = ?", name) > 0);
    }

    /** Adds a token, working until {@code expiresAt} (null: never). */
    public void addToken(String user, String label, String tokenHash, Instant expiresAt) {
        plane.write("adding a token for " + user, c -> Jdbc.update(c, "INSERT INTO api_tokens (user_name, label, token_hash,"
                + " created_at, expires_at) VALUES (?, ?, ?, ?, ?)", user, label, tokenHash, PlaneTime.now(),
                PlaneTime.of(expiresAt)));
    }

    /**
     * The token with this hash and its owner, revoked or expired ones too (a refusal names them), without noting a use.
     * Asked on every request the console serves: one query.
     */
    public Optional<OwnedToken> token(String tokenHash) {
        return plane.with("reading a token", c -> {
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + TOKEN_COLUMNS + ", u.name, u.role, u.password_hash,"
                    + " u.created_at, u.created_by FROM api_tokens t JOIN console_users u ON u.name = t.user_name"
                    + " WHERE t.token_hash = ?", tokenHash); ResultSet r = statement.executeQuery()) {
                if (!r.next()) {
                    return Optional.<OwnedToken>empty();
                }
                User owner = new User(r.getString(8), r.getString(9), r.getString(10), PlaneTime.read(r, 11), r.getString(12));
                return Optional.of(new OwnedToken(owner, token(r)));
            }
        });
    }

    /** Notes that the token with this hash, of {@code user}, was taken for a request. */
    public void noteTokenUse(String user, String tokenHash) {
        plane.write("noting the use of a token of " + user, c -> Jdbc.update(c,
                "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", PlaneTime.now(), tokenHash));
    }

    /** The user's tokens, revoked and expired ones too, oldest first. */
    public List<Token> tokens(String user) {
        return plane.with("reading tokens", c -> {
            List<Token> tokens = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT " + TOKEN_COLUMNS + " FROM api_tokens t"
                    + " WHERE t.user_name = ? ORDER BY t.id", user); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    tokens.add(token(r));
                }
            }
            return tokens;
        });
    }

    /**
     * Revokes one of the user's tokens: it is kept, marked, so that its next use is refused naming it. False when the
     * user has no such token, or it is revoked already.
     */
    public boolean revokeToken(String user, long id) {
        return plane.write("revoking a token", c -> Jdbc.update(c, "UPDATE api_tokens SET revoked_at = ?"
                + " WHERE id = ? AND user_name = ? AND revoked_at IS NULL", PlaneTime.now(), id, user) > 0);
    }

    private static Token token(ResultSet r) throws SQLException {
        return new Token(r.getLong(1), r.getString(2), r.getString(3), PlaneTime.read(r, 4), PlaneTime.read(r, 5),
                PlaneTime.read(r, 6), PlaneTime.read(r, 7));
    }

    private List<User> users(String where, Object... parameters) {
        return plane.with("reading users", c -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT name, role, password_hash, created_at, created_by"
                    + " FROM console_users " + where + " ORDER BY name", parameters); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    users.add(new User(r.getString(1), r.getString(2), r.getString(3), PlaneTime.read(r, 4), r.getString(5)));
                }
            }
            return users;
        });
    }
}
