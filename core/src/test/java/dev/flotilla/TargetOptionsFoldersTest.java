package dev.flotilla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationFolders;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A fleet's template is copied for every tenant: its folders, test-only ones too, must come along every time. */
class TargetOptionsFoldersTest {
    private final MigrationFolders folders = new MigrationFolders(List.of(Path.of("migrations"), Path.of("more")),
            List.of(Path.of("test-migrations")));

    @Test
    void every_copy_of_the_options_keeps_all_its_folders() {
        TargetOptions template = TargetOptions.of(null, Path.of("ignored")).withFolders(folders);
        TargetSpec target = new TargetSpec("jdbc:h2:mem:x", "sa", null, "t1", null);

        List<TargetOptions> copies = List.of(template.forTarget(target, "t1"), template.withPolicy(new ValidationPolicy(true, true, true)),
                template.withPlaceholders(Map.of("a", "b")), template.withInstalledBy("ci"),
                template.withLockTimeout(Duration.ofSeconds(1)), template.withStatementTimeout(Duration.ofSeconds(1)),
                template.withLockWait(Duration.ofSeconds(1)));

        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.folders()).isEqualTo(folders);
            assertThat(copy.migrations()).isEqualTo(Path.of("migrations"));
        });
    }

    @Test
    void options_of_one_folder_have_it_as_their_only_folder() {
        TargetOptions options = TargetOptions.of(null, Path.of("db/tenant_migrations"));

        assertThat(options.folders()).isEqualTo(MigrationFolders.of(Path.of("db/tenant_migrations")));
        assertThat(options.folders().single()).isTrue();
    }
}
