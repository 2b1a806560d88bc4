package dev.flotilla.run;

import dev.flotilla.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's or procedure's parameters' types, as {@link LostRoutineFilters} tells overloads apart: read from the
 * catalog's signature ({@code mine(p text, n integer)}) or a statement's parameter list ({@code (n int DEFAULT 0)})
 * alike, without names, modes, defaults or type modifiers, common aliases spelt as PostgreSQL's catalog does ({@code
 * int} is {@code integer}, {@code timestamp} is {@code timestamp without time zone}, {@code int []} is {@code
 * integer[]}). A parameter's first word is its name unless the words are a type of several words: {@code double
 * precision} is a type, {@code double integer} the parameter {@code double}. A textual reading: a type it cannot spell
 * as the catalog does (a column's, {@code orders.item%TYPE}) makes the signature not {@link #comparable}.
 */
record RoutineSignature(List<String> types) {
    private static final Set<String> MODES = Set.of("in", "inout", "variadic");
    /** The types of several words, as written (a name's quotes kept); trailing array brackets aside. */
    private static final Pattern TYPE_OF_WORDS = Pattern.compile("double precision|(national )?(character|char) varying"
            + "|national (character|char)|nchar varying|bit varying|(time|timestamp) with(out)? time zone"
            + "|interval( (year|month|day|hour|minute|second)( to (month|hour|minute|second))?)?"
            + "|(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)( (signed|unsigned|zerofill))+");
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int", "integer"), Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("bool", "boolean"),
            Map.entry("varchar", "character varying"), Map.entry("char varying", "character varying"),
            Map.entry("national character varying", "character varying"), Map.entry("national char varying",
                    "character varying"), Map.entry("nchar varying", "character varying"), Map.entry("char", "character"),
            Map.entry("bpchar", "character"), Map.entry("nchar", "character"), Map.entry("national character", "character"),
            Map.entry("national char", "character"), Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"), Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
            Map.entry("dec", "numeric"), Map.entry("varbit", "bit varying"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("time", "time without time zone"),
            Map.entry("timetz", "time with time zone"));
    private static final Pattern DEFAULT = Pattern.compile("(?is)\\s+default\\s.*|\\s*=.*");
    /** {@code float(p)} of at most 24 bits is {@code real}; of more, {@code double precision} (as {@code float}). */
    private static final Pattern SHORT_FLOAT = Pattern.compile("(?i)\\bfloat\\s*\\(\\s*([1-9]|1[0-9]|2[0-4])\\s*\\)");
    private static final Pattern MODIFIERS = Pattern.compile("\\s*\\([^)]*\\)");
    /** Array brackets, any number of dimensions, or SQL's {@code ARRAY[n]}: an array is an array, as the catalog prints it. */
    private static final Pattern ARRAY = Pattern.compile("(?i)(\\s*\\[[^\\]]*\\])+|\\s+array(\\s*\\[[^\\]]*\\])?$");
    /** A word, or a name in double quotes or backquotes (spaces inside), or a qualified name of such parts. */
    private static final Pattern WORD = Pattern.compile("(?:\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|[^\\s\"`])+");
    private static final Pattern QUALIFIER = Pattern.compile("^(\"(?:[^\"]|\"\")*\"|[a-z_0-9]+)\\.(?=[a-z_\"])");

    RoutineSignature {
        types = List.copyOf(types);
    }

    /** The types of {@code parameters}, the text between a routine's parentheses; a procedure's OUT ones count. */
    static RoutineSignature of(SqlText text, String parameters, boolean procedure) {
        List<String> types = new ArrayList<>();
        for (String parameter : parameters.isBlank() ? List.<String>of() : text.splitTopLevel(parameters)) {
            List<String> words = words(parameter);
            String mode = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
            if (mode.equals("out") && !procedure) {
                continue; // a function's OUT parameters are what it returns, not part of its identity
            }
            if (words.size() > 1 && (MODES.contains(mode) || mode.equals("out"))) {
                words.remove(0);
            }
            if (words.size() > 1 && !isTypeOfWords(words)) {
                words.remove(0);
            }
            types.add(type(words));
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

    /**
     * Whether the types are spelt so that another signature's can be compared with them: false when one is another
     * object's ({@code %TYPE}, {@code %ROWTYPE}), which only the server resolves.
     */
    boolean comparable() {
        return types.stream().noneMatch(type -> type.contains("%"));
    }

    /** The parameter's words, its default, type modifiers and array dimensions taken off. */
    private static List<String> words(String parameter) {
        String written = DEFAULT.matcher(parameter.strip()).replaceAll("");
        written = SHORT_FLOAT.matcher(written).replaceAll("real");
        written = ARRAY.matcher(MODIFIERS.matcher(written).replaceAll("")).replaceAll("[]");
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(written);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private static boolean isTypeOfWords(List<String> words) {
        return TYPE_OF_WORDS.matcher(String.join(" ", words).toLowerCase(Locale.ROOT).replace("[]", "")).matches();
    }

    private static String type(List<String> words) {
        String type = String.join(" ", words).toLowerCase(Locale.ROOT);
        String array = type.endsWith("[]") ? "[]" : "";
        type = QUALIFIER.matcher(type.substring(0, type.length() - array.length())).replaceAll(""); // pg_catalog.text is text
        type = type.startsWith("interval ") ? "interval" : type; // its fields are a modifier, which no signature keeps
        return ALIASES.getOrDefault(type, type) + array;
    }
}
