package dev.flotilla.control;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    }

    /** A token's description; its value was shown once and is not stored. */
    public record Token(long id, String user, String label, Instant createdAt, Instant lastUsedAt) {
    }

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

    public void addToken(String user, String label, String tokenHash) {
        plane.write("adding a token for " + user, c -> Jdbc.update(c, "INSERT INTO api_tokens (user_name, label, token_hash,"
                + " created_at) VALUES (?, ?, ?, ?)", user, label, tokenHash, PlaneTime.now()));
    }

    /**
     * The user owning the token with this hash, noting the token's use. Asked on every request the console serves: the
     * owner is read in one query, and only a token in use is noted, as a write of its own ({@link ControlPlane#write}).
     */
    public Optional<User> userOfToken(String tokenHash) {
        Optional<User> owner = ownerOfToken(tokenHash);
        owner.ifPresent(user -> noteTokenUse(user.name(), tokenHash));
        return owner;
    }

    /** The user owning the token with this hash, without noting a use: for a use that is refused. */
    public Optional<User> ownerOfToken(String tokenHash) {
        return users("WHERE name = (SELECT user_name FROM api_tokens WHERE token_hash = ?)", tokenHash).stream().findFirst();
    }

    /** Notes that the token with this hash, of {@code user}, was taken for a request. */
    public void noteTokenUse(String user, String tokenHash) {
        plane.write("noting the use of a token of " + user, c -> Jdbc.update(c,
                "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", PlaneTime.now(), tokenHash));
    }

    public List<Token> tokens(String user) {
        return plane.with("reading tokens", c -> {
            List<Token> tokens = new ArrayList<>();
            try (PreparedStatement statement = Jdbc.prepare(c, "SELECT id, user_name, label, created_at, last_used_at"
                    + " FROM api_tokens WHERE user_name = ? ORDER BY id", user); ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    tokens.add(new Token(r.getLong(1), r.getString(2), r.getString(3), PlaneTime.read(r, 4),
                            PlaneTime.read(r, 5)));
                }
            }
            return tokens;
        });
    }

    /** Revokes one of the user's tokens; false when the user has no such token. */
    public boolean revokeToken(String user, long id) {
        return plane.write("revoking a token", c -> Jdbc.update(c, "DELETE FROM api_tokens WHERE id = ? AND user_name = ?", id, user) > 0);
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
