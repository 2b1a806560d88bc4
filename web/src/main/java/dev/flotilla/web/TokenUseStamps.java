package dev.flotilla.web;

import dev.flotilla.control.UserStore;
import dev.flotilla.web.auth.Accounts;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notes an API token's use (its "last used" time) for a request it was taken for, best effort: the request was already
 * let in, and a control plane that cannot take the stamp (a lost connection, a read-only replica, a lock) must not turn
 * a CI job's every call into a 500. The first failure is told on the console's log, masked; those after it are not,
 * until a stamp succeeds again (then a new failure is told again). Thread-safe.
 */
final class TokenUseStamps {
    private final Accounts accounts;
    private final ConsoleLog log;
    private final AtomicBoolean failing = new AtomicBoolean();

    TokenUseStamps(Accounts accounts, ConsoleLog log) {
        this.accounts = accounts;
        this.log = log;
    }

    /** Stamps {@code owner}'s {@code token} as used now; a failure is logged (once) and swallowed. */
    void note(UserStore.User owner, String token) {
        try {
            accounts.noteTokenUse(owner, token);
            failing.set(false);
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.line("could not note the use of an API token of " + owner.name() + " (its 'last used' time on the"
                        + " API tokens page stays as it was; the request went on, and failures after this one are not"
                        + " told until a stamp succeeds again): "
                        + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ")); // one line, as the log's others
            }
        }
    }
}
