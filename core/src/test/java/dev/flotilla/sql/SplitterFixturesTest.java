package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under {@code splitter/<dialect>/} splits into exactly the statements of its .expected file; PostgreSQL's as
 * a PostgreSQL 11 server has them (ALTER TYPE .. ADD VALUE outside a transaction; 12 and later: PostgresScriptSplitterTest).
 */
class SplitterFixturesTest {
    private static final Map<String, ScriptSplitter> SPLITTERS = Map.of(
            "postgresql", new PostgresScriptSplitter(11), "mariadb", new MySqlScriptSplitter(),
            "sqlite", new SqliteScriptSplitter(), "h2", new H2ScriptSplitter());

    static Stream<Arguments> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(SplitterFixturesTest.class.getResource("/splitter").toURI());
        List<Arguments> fixtures = new ArrayList<>();
        for (String dialect : SPLITTERS.keySet()) {
            try (Stream<Path> files = Files.list(root.resolve(dialect))) {
                files.filter(p -> p.toString().endsWith(".sql")).sorted()
                        .forEach(p -> fixtures.add(Arguments.of(dialect + "/" + p.getFileName(), dialect, p)));
            }
        }
        return fixtures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void splits_the_fixture_into_the_expected_statements(String name, String dialect, Path script) throws IOException {
        String sql = Files.readString(script, StandardCharsets.UTF_8);
        Path error = sibling(script, ".error");
        if (Files.exists(error)) {
            String[] expected = Files.readString(error).strip().split(": ", 2);
            int line = Integer.parseInt(expected[0].replace("line ", ""));
            assertThatThrownBy(() -> SPLITTERS.get(dialect).split(sql)).isInstanceOfSatisfying(SqlParseException.class, e -> {
                assertThat(e.line()).isEqualTo(line);
                assertThat(e.getMessage()).contains(expected[1]);
            });
            return;
        }
        assertThat(render(SPLITTERS.get(dialect).split(sql))).isEqualTo(Files.readString(sibling(script, ".expected")));
    }

    /** The fixture format: a header line per statement, then its text. */
    static String render(List<SqlStatement> statements) {
        StringBuilder out = new StringBuilder();
        for (SqlStatement statement : statements) {
            out.append("=== line ").append(statement.line()).append(statement.transactional() ? "" : " no-transaction").append('\n');
            out.append(statement.sql()).append('\n');
        }
        return out.toString();
    }

    private static Path sibling(Path script, String extension) {
        String name = script.getFileName().toString();
        return script.resolveSibling(name.substring(0, name.length() - 4) + extension);
    }
}
