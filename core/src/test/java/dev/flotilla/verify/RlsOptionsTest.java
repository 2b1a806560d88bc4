package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.schema.SchemaSnapshot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RlsOptionsTest {
    @Test
    void an_empty_rule_takes_the_defaults_and_no_rule_skips_both_checks() {
        VerifyOptions.RlsRule rule = new VerifyOptions.RlsRule(null, null, null, null);

        assertThat(rule).isEqualTo(new VerifyOptions.RlsRule("tenant_id", "app.tenant_id", null, Set.of()));
        assertThat(VerifyOptions.DEFAULTS.rls()).isNull();
        assertThat(VerifyOptions.BUILT_IN).endsWith("rls-enabled", "rls-isolation");
    }

    @Test
    void a_setting_without_a_prefix_or_a_role_with_a_quote_is_refused_naming_the_key() {
        assertThatThrownBy(() -> new VerifyOptions.RlsRule("tenant_id", "tenant", null, Set.of()))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("checks.rls setting must be prefix.name")
                .hasMessageContaining("'tenant'");
        assertThatThrownBy(() -> new VerifyOptions.RlsRule("tenant_id", null, "app\"; DROP", Set.of()))
                .hasMessageContaining("checks.rls appRole");
    }

    @Test
    void tenant_tables_have_the_column_and_are_not_excluded_whatever_the_case() {
        VerifyOptions.RlsRule rule = new VerifyOptions.RlsRule("TENANT_ID", null, "app", Set.of("Settings"));
        SchemaSnapshot snapshot = new SchemaSnapshot("postgresql", List.of(table("notes", "tenant_id"),
                table("settings", "tenant_id"), table("countries", "code")), List.of());

        assertThat(rule.tenantTables(snapshot)).extracting(SchemaSnapshot.Table::name).containsExactly("notes");
    }

    @Test
    void an_excluded_table_may_be_quoted_whole_with_either_quote_as_in_the_other_checks() {
        SchemaSnapshot snapshot = new SchemaSnapshot("postgresql", List.of(table("notes", "tenant_id"),
                table("settings", "tenant_id"), table("a.b", "tenant_id")), List.of());

        assertThat(new VerifyOptions.RlsRule(null, null, null, Set.of("\"settings\"", "`a.b`")).tenantTables(snapshot))
                .extracting(SchemaSnapshot.Table::name).containsExactly("notes");
        assertThat(new VerifyOptions.RlsRule(null, null, null, Set.of("`Settings`")).tenantTables(snapshot))
                .as("a quoted name keeps its case").extracting(SchemaSnapshot.Table::name)
                .containsExactlyInAnyOrder("notes", "settings", "a.b");
    }

    private static SchemaSnapshot.Table table(String name, String column) {
        return new SchemaSnapshot.Table(name, List.of(new SchemaSnapshot.Column("id", "integer", false, null),
                new SchemaSnapshot.Column(column, "text", false, null)), List.of("id"), List.of(), List.of(), List.of(),
                List.of(), List.of(), SchemaSnapshot.RowSecurity.OFF, List.of());
    }
}
