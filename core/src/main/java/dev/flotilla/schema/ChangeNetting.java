package dev.flotilla.schema;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did to each object in the end, from what its steps did in order: an object created and dropped is neither,
 * one dropped and created again is recreated, a rename is followed (a created {@code new_serials} renamed to
 * {@code serials} after {@code serials} was dropped, SQLite's table rebuild, is {@code serials} recreated), an
 * {@code IF NOT EXISTS} of one already made is nothing more, and a table's added columns follow its rename and go with its drop. Each
 * object is tracked from its name before the run ({@code from}, null when it was not there) to its name after
 * ({@code to}, null when gone). Stateless.
 */
final class ChangeNetting {
    private ChangeNetting() {
    }

    /** One object's track through the run. */
    private static final class Track {
        final Kind kind;
        String from;
        String to;
        boolean replaced;
        /** ENSURED or REPLACED: one that may have been there before, said so unless dropped; else null. */
        Change ensured;

        Track(Kind kind, String from, String to, boolean replaced, Change ensured) {
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.replaced = replaced;
            this.ensured = ensured;
        }

        static Track of(DdlObject object) {
            return switch (object.change()) {
                case CREATED -> new Track(object.kind(), null, object.name(), false, null);
                case ENSURED, REPLACED -> new Track(object.kind(), object.name(), object.name(), false, object.change());
                case DROPPED -> new Track(object.kind(), object.name(), null, false, null);
                case RECREATED -> new Track(object.kind(), object.name(), object.name(), true, null);
                case RENAMED -> new Track(object.kind(), object.from(), object.name(), false, null);
            };
        }

        /** What it comes to; null for nothing. */
        DdlObject object() {
            if (ensured != null) {
                return new DdlObject(kind, to == null ? Change.DROPPED : ensured, to == null ? from : to);
            }
            if (from == null) {
                return to == null ? null : new DdlObject(kind, Change.CREATED, to);
            }
            if (to == null) {
                return new DdlObject(kind, Change.DROPPED, from);
            }
            return !from.equals(to) ? new DdlObject(kind, Change.RENAMED, to, from)
                    : replaced ? new DdlObject(kind, Change.RECREATED, to) : null;
        }
    }

    /** The objects {@code steps} come to, each step after the one before it (a migration's statements' objects). */
    static List<DdlObject> inOrder(List<DdlObject> steps) {
        List<Track> tracks = new ArrayList<>();
        for (DdlObject step : steps) {
            step(tracks, List.of(step));
        }
        return objects(tracks);
    }

    /**
     * What {@code before}, then {@code after}, come to: each a run's outcome (a migration's, as its log says it), its
     * renames taken at once (a swap of two names stays a swap).
     */
    static List<DdlObject> then(List<DdlObject> before, List<DdlObject> after) {
        List<Track> tracks = new ArrayList<>(before.stream().map(Track::of).toList());
        step(tracks, after);
        return objects(tracks);
    }

    private static void step(List<Track> tracks, List<DdlObject> step) {
        Map<String, Track> byName = new HashMap<>();
        Map<Track, String> named = new IdentityHashMap<>();
        for (Track track : tracks) {
            if (track.to != null) {
                byName.put(key(track.kind, track.to), track);
                named.put(track, track.to);
            }
        }
        for (DdlObject object : step) {
            Track next = Track.of(object);
            Track known = next.from == null ? null : byName.get(key(next.kind, next.from));
            if (known != null) {
                known.to = next.to;
                known.replaced |= next.replaced;
            } else if (next.from != null || !byName.containsKey(key(next.kind, next.to))) {
                tracks.add(next);
            }
            if (next.kind == Kind.TABLE && next.from != null && next.to != null && !next.from.equals(next.to)) {
                followColumns(named, next.from, next.to);
            } else if (next.kind == Kind.TABLE && next.to == null) {
                tracks.removeIf(track -> onTable(track, next.from));
                byName.values().removeIf(track -> onTable(track, next.from));
            }
        }
        merge(tracks);
    }

    /** A renamed table's columns and unnamed constraints made before the rename are said under its new name. */
    private static void followColumns(Map<Track, String> named, String from, String to) {
        named.forEach((track, name) -> {
            if (track.kind == Kind.COLUMN && name.startsWith(from + ".")) {
                track.to = to + name.substring(from.length());
            } else if (track.kind == Kind.CONSTRAINT && name.startsWith(from + ": ")) {
                track.to = to + name.substring(from.length());
            }
        });
    }

    /** A column, an unnamed constraint or an unnamed index of {@code table}: gone with it when it is dropped. */
    private static boolean onTable(Track track, String table) {
        String name = track.to != null ? track.to : track.from;
        return track.kind == Kind.COLUMN && name.startsWith(table + ".")
                || track.kind == Kind.CONSTRAINT && name.startsWith(table + ": ")
                || track.kind == Kind.INDEX && name.startsWith("on " + table + " (");
    }

    /** One made under the name of one dropped earlier is that one recreated. */
    private static void merge(List<Track> tracks) {
        Map<String, Track> dropped = new HashMap<>();
        for (Track track : tracks) {
            if (track.to == null && track.from != null) {
                dropped.putIfAbsent(key(track.kind, track.from), track);
            }
        }
        if (dropped.isEmpty()) {
            return;
        }
        tracks.removeIf(made -> {
            Track gone = made.to == null || made.from != null && made.ensured == null ? null : dropped.remove(key(made.kind, made.to));
            if (gone == null || gone == made) {
                return false;
            }
            gone.to = made.to;
            gone.replaced = true;
            return true;
        });
    }

    private static List<DdlObject> objects(List<Track> tracks) {
        return tracks.stream().map(Track::object).filter(java.util.Objects::nonNull).toList();
    }

    private static String key(Kind kind, String name) {
        return kind + " " + name;
    }
}
