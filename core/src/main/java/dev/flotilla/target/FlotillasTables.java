package dev.flotilla.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Flotilla's own tables in a target's schema, told apart from the users': the history table named {@code history} and
 * its lock table ({@code <history>_lock}). Loops, not streams: these run for every tenant, over every table of its schema.
 */
record FlotillasTables(String history) {

    /** Whether {@code name} is the history table as the server stores it: as given, or folded to lower case. */
    boolean isHistory(String name) {
        return name.equals(history) || name.equals(history.toLowerCase(Locale.ROOT));
    }

    /** Whether the history table is among {@code tables}. */
    boolean anyHistory(List<String> tables) {
        for (String table : tables) {
            if (isHistory(table)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code tables} other than Flotilla's own, in their order; unmodifiable. */
    List<String> without(List<String> tables) {
        String historyLock = history + "_lock";
        List<String> theirs = new ArrayList<>(tables.size());
        for (String name : tables) {
            if (!name.equalsIgnoreCase(history) && !name.equalsIgnoreCase(historyLock)) {
                theirs.add(name);
            }
        }
        return Collections.unmodifiableList(theirs);
    }
}
