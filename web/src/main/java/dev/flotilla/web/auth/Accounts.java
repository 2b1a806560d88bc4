package dev.flotilla.web.auth;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's users and API tokens over the control plane: passwords kept as Argon2id hashes, tokens as the
 * SHA-256 of their value (a token is 256 random bits, so a fast hash is enough; it is shown once, at creation).
 */
public final class Accounts {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final String TOKEN_PREFIX = "flt_";
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int MIN_PASSWORD = 12;
    /** The longest user name there is (audit_log.actor and users.name hold 100). */
    public static final int MAX_NAME = 100;

    private final UserStore users;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final SecureRandom random = new SecureRandom();
    private final TypedNames typed = new TypedNames(random);
    /** Checked against when the user does not exist, so a wrong name costs the same time as a wrong password. */
    private final String decoy;

    public Accounts(UserStore users) {
        this(users, Clock.systemUTC());
    }

    /** With {@code clock} for the times tokens are made and checked at (a test makes one that has expired). */
    public Accounts(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.decoy = hasher.hash("decoy-password".toCharArray());
    }

    /** Adds a user with this password; too short a password or a bad name is refused. */
    public void add(String name, Role role, char[] password, String createdBy) {
        if (!NAME.matcher(name).matches()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A user name is 1-100 letters, digits or . _ @ -, starting with"
                    + " a letter or digit; '" + name + "' is not.");
        }
        if (password.length < MIN_PASSWORD) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A password needs at least " + MIN_PASSWORD + " characters.");
        }
        if (new String(password).isBlank()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A password of spaces alone is no password: use letters, digits"
                    + " or signs too.");
        }
        users.add(name, role.word(), hasher.hash(password), createdBy);
    }

    /** Adds a user with a generated password, returned once. */
    public char[] addWithGeneratedPassword(String name, Role role, String createdBy) {
        char[] password = generatePassword();
        add(name, role, password, createdBy);
        return password;
    }

    /** The user's role when name and password match. */
    public Optional<Role> authenticate(String name, char[] password) {
        Optional<UserStore.User> user = name == null ? Optional.empty() : users.find(name);
        boolean ok = hasher.matches(password, user.map(UserStore.User::passwordHash).orElse(decoy));
        return ok && user.isPresent() ? Optional.of(Role.parse(user.get().role())) : Optional.empty();
    }

    /**
     * What is wrong with a user name typed on the login form, before it goes near the control plane: longer than any
     * user name, or with control characters (a NUL, which PostgreSQL refuses).
     */
    public static Optional<String> unfitName(String name) {
        if (name.length() > MAX_NAME) {
            return Optional.of("is longer than " + MAX_NAME + " characters");
        }
        return name.chars().anyMatch(Character::isISOControl) ? Optional.of("contains control characters") : Optional.empty();
    }

    /**
     * A name typed on the login form as the audit log may keep it: a user's own name, or for a name no user has (a
     * password typed into the User field, a guess) its length and a tag, never the name itself; see {@link TypedNames}.
     */
    public String auditName(String name) {
        if (name.isEmpty()) {
            return "-";
        }
        boolean known = NAME.matcher(name).matches() && users.find(name).isPresent();
        return known ? name : typed.masked(name);
    }

    public Optional<Role> roleOf(String name) {
        return users.find(name).map(u -> Role.parse(u.role()));
    }

    /** A new API token, its value shown once, and when it stops working (null: never). */
    public record IssuedToken(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[expiresAt=" + expiresAt + "]"; // never the value, should one be logged
        }
    }

    /** A new API token for the user, working for {@link TokenLifetime#DEFAULT}; its value is returned once. */
    public String createToken(String user, String label) {
        return issueToken(user, label, TokenLifetime.DEFAULT).value();
    }

    /** A new API token for the user, working for {@code lifetime}; its value is returned once and only its hash is kept. */
    public IssuedToken issueToken(String user, String label, TokenLifetime lifetime) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "A token needs a label of 1-100 characters, e.g. 'ci-pipeline'.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = TOKEN_PREFIX + HexFormat.of().formatHex(bytes);
        Instant expiresAt = lifetime.expiry(clock.instant());
        users.addToken(user, label.trim(), tokenHash(token), expiresAt);
        return new IssuedToken(token, expiresAt);
    }

    /** The user a presented token acts as, noting the token's use; empty for a token that is unknown, revoked or expired. */
    public Optional<UserStore.User> userOfToken(String token) {
        if (check(token) instanceof TokenCheck.Taken taken) {
            noteTokenUse(taken.owner(), token);
            return Optional.of(taken.owner());
        }
        return Optional.empty();
    }

    /** Notes that {@code user}'s token was taken for a request. */
    public void noteTokenUse(UserStore.User user, String token) {
        users.noteTokenUse(user.name(), tokenHash(token));
    }

    /** What a presented token is worth now, its use not noted (a request may still refuse it). */
    public TokenCheck check(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return new TokenCheck.Unknown();
        }
        return users.token(tokenHash(token)).map(owned -> TokenCheck.of(owned, clock.instant()))
                .orElseGet(TokenCheck.Unknown::new);
    }

    public UserStore store() {
        return users;
    }

    private char[] generatePassword() {
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        return password;
    }

    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
