package dev.flotilla.web.auth;

import dev.flotilla.web.wizard.WizardDraft;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in browser sessions, kept in memory: a random 256-bit id (the cookie), the user, a CSRF token and the
 * wizard's draft. A new id is made at every login and the old one dropped, so a planted id is worth nothing.
 * Sessions end after 30 idle minutes or 12 hours. Thread-safe.
 */
public final class Sessions {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration MAX = Duration.ofHours(12);

    /** One session. The draft is the wizard's state, mutable and guarded by the session itself. */
    public static final class Session {
        private final String id;
        private final String user;
        private final String csrf;
        private final Instant created;
        private volatile Instant lastSeen;
        private final WizardDraft draft = new WizardDraft();
        private final Map<String, java.util.List<String>> flash = new ConcurrentHashMap<>();

        Session(String id, String user, String csrf, Instant created) {
            this.id = id;
            this.user = user;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        public String id() {
            return id;
        }

        public String user() {
            return user;
        }

        public String csrf() {
            return csrf;
        }

        public WizardDraft draft() {
            return draft;
        }

        /**
         * Keeps a message for the next view of one page (a page shown after a redirect): what a form made, said once,
         * and not again when the page is reloaded. Only in memory: never in a URL, a cookie or a log.
         */
        public void flash(String page, String message) {
            flashAll(page, java.util.List.of(message));
        }

        /** As {@link #flash}, several messages, each said apart. */
        public void flashAll(String page, java.util.List<String> messages) {
            flash.put(page, java.util.List.copyOf(messages));
        }

        /** The message kept for this page, now forgotten; null when there is none. */
        public String takeFlash(String page) {
            java.util.List<String> messages = flash.remove(page);
            return messages == null ? null : String.join("\n", messages);
        }

        /** The messages kept for this page, now forgotten; none when there are none. */
        public java.util.List<String> takeFlashAll(String page) {
            java.util.List<String> messages = flash.remove(page);
            return messages == null ? java.util.List.of() : messages;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** Starts a session for the user, ending the one the browser presented (if any). */
    public Session start(String user, String previousId) {
        if (previousId != null) {
            sessions.remove(previousId);
        }
        Session session = new Session(randomId(), user, randomId(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, touched; expired ones are removed. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.lastSeen.plus(IDLE).isBefore(now) || session.created.plus(MAX).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user, e.g. when the user is removed. */
    public void endAll(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    public String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
