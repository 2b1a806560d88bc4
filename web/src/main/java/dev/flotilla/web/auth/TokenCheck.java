package dev.flotilla.web.auth;

import dev.flotilla.control.UserStore;
import dev.flotilla.web.view.Format;
import java.time.Instant;

/**
 * What a presented API token is worth: taken (it acts as its owner), refused as revoked or expired (naming whose it is,
 * and when), or unknown (no token has this value: a guess, a typo, or a removed user's token). A token revoked after it
 * expired counts as revoked: that is what someone did to it.
 */
public sealed interface TokenCheck {
    /** The check of a stored token at {@code now}. */
    static TokenCheck of(UserStore.OwnedToken owned, Instant now) {
        if (owned.token().revoked()) {
            return new Revoked(owned.owner(), owned.token());
        }
        return owned.token().expiredAt(now) ? new Expired(owned.owner(), owned.token()) : new Taken(owned.owner(), owned.token());
    }

    /** The name of the user the token belongs to, for the audit log; "-" for an unknown one. */
    String ownerName();

    /** The token works: requests act as {@code owner}, with their role. */
    record Taken(UserStore.User owner, UserStore.Token token) implements TokenCheck {
        @Override
        public String ownerName() {
            return owner.name();
        }
    }

    /** A stored token that no longer works: what became of it, when. */
    sealed interface Refused extends TokenCheck permits Revoked, Expired {
        UserStore.User owner();

        UserStore.Token token();

        /** What became of it, as a sentence says it: "was revoked", "expired". */
        String happened();

        /** When. */
        Instant at();

        @Override
        default String ownerName() {
            return owner().name();
        }

        /** Why, for the audit log's details: which token, and what happened to it when (never its value). */
        default String reason() {
            return "token '" + token().label() + "' (id " + token().id() + ") " + happened().replace("was ", "") + " at "
                    + Format.time(at());
        }

        /** The answer to its sender: what, when, and how to get one that works. */
        default String detail() {
            return "This API token ('" + token().label() + "' of " + owner().name() + ") " + happened() + " at "
                    + Format.time(at()) + " and no longer works. " + whatNext(owner().name(), token().label());
        }
    }

    /** Revoked by its owner: kept, so that its use is refused in these words. */
    record Revoked(UserStore.User owner, UserStore.Token token) implements Refused {
        @Override
        public String happened() {
            return "was revoked";
        }

        @Override
        public Instant at() {
            return token.revokedAt();
        }
    }

    /** Past the expiry chosen when it was made. */
    record Expired(UserStore.User owner, UserStore.Token token) implements Refused {
        @Override
        public String happened() {
            return "expired";
        }

        @Override
        public Instant at() {
            return token.expiresAt();
        }
    }

    /** No token has the value sent. */
    record Unknown() implements TokenCheck {
        @Override
        public String ownerName() {
            return "-";
        }
    }

    private static String whatNext(String owner, String label) {
        String typed = label.matches("[A-Za-z0-9._@:/+=-]+") ? label : "'" + label.replace("'", "'\\''") + "'";
        return "Create a new one on the console's API tokens page, signed in as " + owner + " (or `flotilla user token "
                + owner + " --label " + typed + " --expires 90d`), and put it where this one is kept (the CI job's secrets).";
    }
}
