package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import java.sql.SQLException;
import java.util.List;

/** Drift over 200 MariaDB databases, one per tenant, each read on its own within the per-server limit. */
class FleetDriftMariaDbIT extends FleetDriftContract {
    @Override
    Tenancy tenancy(String prefix) {
        return MariaDbTenants.tenancy(prefix);
    }

    @Override
    int fleetSize() {
        return 200;
    }

    @Override
    void prepare(List<TenantTarget> targets) throws SQLException {
        MariaDbTenants.create(targets);
    }

    @Override
    void dropTargets() throws SQLException {
        MariaDbTenants.drop(fleet.targets());
    }

    @Override
    String functionTriggerAndSequence() {
        return """
                CREATE SEQUENCE serial_numbers START WITH 1000;
                CREATE FUNCTION normalize_serial(s VARCHAR(40)) RETURNS VARCHAR(40) DETERMINISTIC RETURN UPPER(s);
                CREATE TRIGGER trg_serials_normalize BEFORE INSERT ON serials FOR EACH ROW
                    SET NEW.serial_no = normalize_serial(NEW.serial_no);
                """;
    }

    @Override
    List<String> editFunctionByHand() {
        return List.of("DROP FUNCTION normalize_serial",
                "CREATE FUNCTION normalize_serial(s VARCHAR(40)) RETURNS VARCHAR(40) DETERMINISTIC RETURN LOWER(s)");
    }

    @Override
    String function() {
        return "normalize_serial(varchar(40))";
    }
}
