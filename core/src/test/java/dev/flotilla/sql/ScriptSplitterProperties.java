package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Splitting a script made of statements joined by ";" gives back exactly those statements, whatever
 * strings, quoted identifiers and comments they contain, on every dialect.
 */
class ScriptSplitterProperties {
    private static final List<ScriptSplitter> SPLITTERS = List.of(new PostgresScriptSplitter(15), new MySqlScriptSplitter(),
            new SqliteScriptSplitter(), new H2ScriptSplitter());

    @Property(tries = 300)
    void joining_statements_and_splitting_gives_them_back(@ForAll("scripts") List<String> statements) {
        String script = String.join(";\n", statements) + ";\n";
        for (ScriptSplitter splitter : SPLITTERS) {
            assertThat(splitter.split(script)).extracting(SqlStatement::sql)
                    .as(splitter.getClass().getSimpleName()).containsExactlyElementsOf(statements);
        }
    }

    @Property(tries = 200)
    void splitting_is_stable_and_lines_point_at_each_statement(@ForAll("scripts") List<String> statements) {
        String script = "-- header; comment\n\n" + String.join(";\n\n", statements) + "\n";
        String[] lines = script.split("\n", -1);
        for (ScriptSplitter splitter : SPLITTERS) {
            List<SqlStatement> once = splitter.split(script);
            List<SqlStatement> twice = splitter.split(String.join(";\n", once.stream().map(SqlStatement::sql).toList()));
            assertThat(twice).extracting(SqlStatement::sql).isEqualTo(once.stream().map(SqlStatement::sql).toList());
            int previous = 0;
            for (SqlStatement statement : once) {
                assertThat(statement.line()).isGreaterThan(previous);
                assertThat(lines[statement.line() - 1]).startsWith(statement.sql().lines().findFirst().orElseThrow());
                previous = statement.line();
            }
        }
    }

    @Provide
    Arbitrary<List<String>> scripts() {
        return statement().list().ofMinSize(1).ofMaxSize(8);
    }

    private Arbitrary<String> statement() {
        Arbitrary<String> head = Arbitraries.of("SELECT", "INSERT INTO t VALUES", "UPDATE t SET x =", "CREATE TABLE t");
        return Combinators.combine(head, fragment().list().ofMinSize(1).ofMaxSize(6))
                .as((first, rest) -> first + " " + String.join(" ", rest));
    }

    private Arbitrary<String> fragment() {
        Arbitrary<String> text = Arbitraries.strings().withChars("abc ;,()=*-/\n\"").ofMaxLength(12);
        Arbitrary<String> identifier = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(s -> "c_" + s);
        Arbitrary<String> string = text.map(s -> "'" + s.replace("'", "''") + "'");
        Arbitrary<String> doubledQuote = text.map(s -> "'" + s + "''" + s + "'");
        Arbitrary<String> quotedIdentifier = Arbitraries.strings().withChars("ab ;,-").ofMinLength(1).ofMaxLength(8).map(s -> "\"" + s + "\"");
        Arbitrary<String> blockComment = Arbitraries.strings().withChars("ab ;'\n").ofMaxLength(10).map(s -> "/* " + s + " */");
        Arbitrary<String> number = Arbitraries.integers().between(0, 9999).map(String::valueOf);
        return Arbitraries.oneOf(identifier, string, doubledQuote, quotedIdentifier, blockComment, number,
                Arbitraries.of("=", ",", "(", ")", "+"));
    }
}
