package dev.flotilla.schema;

import dev.flotilla.schema.ChangeNetting.Track;
import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which constraint and index made in a run are one unique constraint and its index (dropping either drops both), and
 * which only share a name: MariaDB keeps a check or a foreign key and a key of its name on one table apart. A
 * statement's reading says a unique one's constraint, then its index, at once ({@code ADD CONSTRAINT uq UNIQUE},
 * {@code ADD UNIQUE KEY uq}, a {@code CREATE UNIQUE INDEX} that is a constraint too); a key then a check of its name
 * are not one. A task's log lists them apart, so one read back from it with an index of its name on its table is taken
 * for a unique one; one made in another migration than the index never is. Stateless.
 */
final class UniquePairs {
    private UniquePairs() {
    }

    /** Whether {@code first}, then {@code second}, read from one statement, are a unique constraint and its index. */
    static boolean madeTogether(DdlObject first, DdlObject second) {
        boolean made = first.change() == Change.CREATED || first.change() == Change.ENSURED;
        return made && first.change() == second.change() && first.table() != null
                && first.table().equals(second.table()) && first.name().equals(second.name())
                && first.kind() == Kind.CONSTRAINT && second.kind() == Kind.INDEX;
    }

    /** Links the constraint and the index named {@code name} on {@code table} made in the run, when both are there. */
    static void link(List<Track> tracks, String name, String table) {
        Track constraint = made(tracks, Kind.CONSTRAINT, name, table);
        Track index = made(tracks, Kind.INDEX, name, table);
        if (constraint != null && index != null) {
            constraint.pair = index;
            index.pair = constraint;
        }
    }

    /**
     * Links each constraint made in the run with the index of its name made on its table, as a task's log says them,
     * but those it says {@code apart}.
     */
    static void linkAll(List<Track> tracks, List<DdlObject> apart) {
        Map<String, Track> indexes = new HashMap<>();
        tracks.stream().filter(t -> t.kind == Kind.INDEX && t.table != null && madeInRun(t))
                .forEach(t -> indexes.putIfAbsent(t.table + " " + t.to, t));
        apart.forEach(constraint -> indexes.remove(constraint.table() + " " + constraint.name()));
        for (Track track : tracks) {
            Track index = track.kind == Kind.CONSTRAINT && track.table != null && madeInRun(track)
                    ? indexes.remove(track.table + " " + track.to) : null;
            if (index != null) {
                track.pair = index;
                index.pair = track;
            }
        }
    }

    /**
     * The constraints made in the run, each with an index of its name made on its table that is not its own: one
     * {@link #link} or {@link #linkAll} did not link to it (made in another statement, or in another migration).
     */
    static List<DdlObject> apart(List<Track> tracks) {
        List<DdlObject> apart = new ArrayList<>();
        for (Track constraint : tracks) {
            if (constraint.kind != Kind.CONSTRAINT || constraint.table == null || !madeInRun(constraint)) {
                continue;
            }
            Track index = made(tracks, Kind.INDEX, constraint.to, constraint.table);
            DdlObject object = new DdlObject(Kind.CONSTRAINT, Change.CREATED, constraint.to).on(constraint.table);
            if (index != null && constraint.pair != index) {
                apart.add(object);
            }
        }
        return List.copyOf(apart);
    }

    private static Track made(List<Track> tracks, Kind kind, String name, String table) {
        return tracks.stream().filter(t -> t.kind == kind && name.equals(t.to) && Objects.equals(table, t.table)
                && madeInRun(t)).findFirst().orElse(null);
    }

    private static boolean madeInRun(Track track) {
        return track.to != null && (track.from == null || track.ensured != null);
    }
}
