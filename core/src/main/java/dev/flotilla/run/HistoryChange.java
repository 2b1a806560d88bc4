package dev.flotilla.run;

import java.util.List;

/** What {@code repair} or {@code baseline} changed in a target's history, one sentence per change. */
public record HistoryChange(String command, String target, List<String> actions) {
    public HistoryChange {
        actions = List.copyOf(actions);
    }
}
