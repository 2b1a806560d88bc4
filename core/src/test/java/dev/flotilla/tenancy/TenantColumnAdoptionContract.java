package dev.flotilla.tenancy;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TargetFixture;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/**
 * Seed 003 on every dialect: a 32-table schema with data, adopted with its tenant column. The tests of the column are
 * {@link AdoptedColumnContract}'s, those of the keys {@link WidenedKeysContract}'s; what they share is
 * {@link TenantColumnAdoptionFixture}. Each database's {@code *IT} supplies a fresh target, which gets the schema here.
 */
abstract class TenantColumnAdoptionContract extends TargetFixture implements AdoptedColumnContract, WidenedKeysContract {
    @BeforeEach
    void createSeed003Schema() throws SQLException {
        try (TargetSession session = TargetSession.open(target, true)) {
            for (String statement : new PosSchema(session.dialect().name()).statements()) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }
}
