package dev.flotilla.run;

import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A function's or procedure's parameters' types, as {@link LostRoutineFilters} tells overloads apart: read from the
 * catalog's signature ({@code mine(p text, n integer)}) or a statement's parameter list ({@code (n int DEFAULT 0)})
 * alike, without names, modes, defaults or type modifiers, common aliases spelt as the catalog does ({@code int} is
 * {@code integer}). A textual reading: a type it cannot spell alike is matched by the parameters' count instead.
 */
record RoutineSignature(List<String> types) {
    private static final Set<String> MODES = Set.of("in", "inout", "variadic");
    /** First words of types of several words, so that they are not taken for a parameter's name. */
    private static final Set<String> TYPE_STARTS = Set.of("double", "character", "char", "bit", "time", "timestamp",
            "interval", "national", "varchar", "numeric", "decimal");
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int", "integer"), Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("bool", "boolean"),
            Map.entry("varchar", "character varying"), Map.entry("char", "character"), Map.entry("float8", "double precision"),
            Map.entry("float4", "real"), Map.entry("decimal", "numeric"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timetz", "time with time zone"));
    private static final Pattern DEFAULT = Pattern.compile("(?is)\\s+default\\s.*|\\s*=.*");
    private static final Pattern MODIFIERS = Pattern.compile("\\s*\\([^)]*\\)");

    RoutineSignature {
        types = List.copyOf(types);
    }

    /** The types of {@code parameters}, the text between a routine's parentheses; a procedure's OUT ones count. */
    static RoutineSignature of(SqlText text, String parameters, boolean procedure) {
        List<String> types = new ArrayList<>();
        for (String parameter : parameters.isBlank() ? List.<String>of() : text.splitTopLevel(parameters)) {
            List<String> words = new ArrayList<>(List.of(DEFAULT.matcher(parameter.strip()).replaceAll("").split("\\s+")));
            String mode = words.get(0).toLowerCase(Locale.ROOT);
            if (mode.equals("out") && !procedure) {
                continue; // a function's OUT parameters are what it returns, not part of its identity
            }
            if (words.size() > 1 && (MODES.contains(mode) || mode.equals("out"))) {
                words.remove(0);
            }
            if (words.size() > 1 && !TYPE_STARTS.contains(words.get(0).toLowerCase(Locale.ROOT))) {
                words.remove(0);
            }
            types.add(type(String.join(" ", words)));
        }
        return new RoutineSignature(types);
    }

    /** The types of a catalog's signature, {@code name(types)}. */
    static RoutineSignature ofSignature(SqlText text, String signature, boolean procedure) {
        int open = signature.indexOf('(');
        int close = signature.lastIndexOf(')');
        return open < 0 || close < open ? new RoutineSignature(List.of())
                : of(text, signature.substring(open + 1, close), procedure);
    }

    private static String type(String written) {
        String type = MODIFIERS.matcher(written.toLowerCase(Locale.ROOT)).replaceAll("").replaceAll("\\s+", " ").strip();
        type = type.replaceAll("^[a-z_0-9]+\\.(?=[a-z_])", ""); // pg_catalog.text is text
        return ALIASES.getOrDefault(type, type);
    }
}
