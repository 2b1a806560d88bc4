package dev.flotilla.run;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a database refuses a foreign key for the types of its columns, decided only where it surely does (as tried on
 * MariaDB 10.11 and PostgreSQL 15): MariaDB's InnoDB wants integers of the same size and signedness, and a character
 * column for a character column (any length; a text column is not one), never an integer for a string or a UUID; PostgreSQL compares integers of
 * any size together, strings (text, varchar, char) together, dates and timestamps together, and a child's integer with
 * a parent's numeric or float, a numeric with a float, but not the other way round (a numeric key to an integer id), and
 * no number with a string, a UUID, a boolean or a date. A type not listed here (a time, an interval, a domain, a
 * character set named) is never said to be refused. Stateless.
 */
final class KeyTypes {
    /** A type's length, precision or display width: {@code (36)}, {@code (10, 2)}, {@code (20)}. */
    private static final Pattern WIDTH = Pattern.compile("\\([^)]*\\)");
    private static final Map<String, String> MARIADB = Map.ofEntries(Map.entry("tinyint", "int:tinyint"),
            Map.entry("int1", "int:tinyint"), Map.entry("bool", "int:tinyint"), Map.entry("boolean", "int:tinyint"),
            Map.entry("smallint", "int:smallint"), Map.entry("int2", "int:smallint"),
            Map.entry("mediumint", "int:mediumint"), Map.entry("int3", "int:mediumint"), Map.entry("middleint", "int:mediumint"),
            Map.entry("int", "int:int"), Map.entry("integer", "int:int"), Map.entry("int4", "int:int"),
            Map.entry("bigint", "int:bigint"), Map.entry("int8", "int:bigint"), Map.entry("serial", "int:bigint unsigned"),
            Map.entry("char", "string"), Map.entry("varchar", "string"), Map.entry("character", "string"),
            Map.entry("character varying", "string"), Map.entry("nchar", "string"), Map.entry("nvarchar", "string"),
            Map.entry("tinytext", "text"), Map.entry("text", "text"), Map.entry("mediumtext", "text"),
            Map.entry("longtext", "text"),
            Map.entry("binary", "bytes"), Map.entry("varbinary", "bytes"), Map.entry("uuid", "uuid"),
            Map.entry("decimal", "decimal"), Map.entry("dec", "decimal"), Map.entry("numeric", "decimal"),
            Map.entry("fixed", "decimal"));
    private static final Map<String, String> POSTGRES = Map.ofEntries(Map.entry("smallint", "int"), Map.entry("int2", "int"),
            Map.entry("integer", "int"), Map.entry("int", "int"), Map.entry("int4", "int"), Map.entry("bigint", "int"),
            Map.entry("int8", "int"), Map.entry("smallserial", "int"), Map.entry("serial2", "int"), Map.entry("serial", "int"),
            Map.entry("serial4", "int"), Map.entry("bigserial", "int"), Map.entry("serial8", "int"),
            Map.entry("text", "string"), Map.entry("varchar", "string"), Map.entry("character varying", "string"),
            Map.entry("char", "string"), Map.entry("character", "string"), Map.entry("bpchar", "string"),
            Map.entry("uuid", "uuid"), Map.entry("boolean", "bool"), Map.entry("bool", "bool"),
            Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"), Map.entry("real", "float"),
            Map.entry("float4", "float"), Map.entry("float8", "float"), Map.entry("float", "float"),
            Map.entry("double precision", "float"), Map.entry("date", "datetime"), Map.entry("timestamp", "datetime"),
            Map.entry("timestamptz", "datetime"), Map.entry("timestamp without time zone", "datetime"),
            Map.entry("timestamp with time zone", "datetime"));
    /** PostgreSQL's child-to-parent pairs of another family it takes: the child's type casts to the parent's implicitly. */
    private static final java.util.Set<String> POSTGRES_WIDENS = java.util.Set.of("int>numeric", "int>float",
            "numeric>float");

    private KeyTypes() {
    }

    /** Whether {@code dialect} refuses a foreign key column of type {@code child} referencing one of type {@code parent}. */
    static boolean refused(String dialect, String child, String parent) {
        String one = family(dialect, child);
        String other = family(dialect, parent);
        return one != null && other != null && !one.equals(other)
                && !(dialect.equals("postgresql") && POSTGRES_WIDENS.contains(one + ">" + other));
    }

    /** Whether {@code type} is a character type, whose encoding a MariaDB key compares ({@code varchar(20)}, {@code text}). */
    static boolean textual(String dialect, String type) {
        String family = family(dialect, type);
        return family != null && (family.equals("string") || family.equals("text"));
    }

    /**
     * What a type is, as far as the check tells types apart ({@code int:bigint unsigned}, {@code string}); null when it
     * is not told.
     */
    static String family(String dialect, String type) {
        if (type == null) {
            return null;
        }
        String words = WIDTH.matcher(type.toLowerCase(Locale.ROOT)).replaceAll(" ").replaceAll("\\s+", " ").strip();
        return switch (dialect) {
            case "mariadb" -> mariaDb(words);
            case "postgresql" -> POSTGRES.get(words);
            default -> null;
        };
    }

    /** {@code bigint unsigned}: the size and the sign; any other word (a character set, a collation) leaves it untold. */
    private static String mariaDb(String words) {
        boolean unsigned = false;
        StringBuilder base = new StringBuilder();
        for (String word : words.split(" ")) {
            if (word.equals("unsigned") || word.equals("zerofill")) {
                unsigned = true;
            } else if (!word.equals("signed")) {
                base.append(base.isEmpty() ? "" : " ").append(word);
            }
        }
        String family = MARIADB.get(base.toString().replaceFirst("^national ", "n").replace("nchar varying", "nvarchar"));
        if (family == null || !family.startsWith("int:")) {
            return unsigned ? null : family;
        }
        return family + (unsigned && !family.endsWith("unsigned") ? " unsigned" : "");
    }
}
