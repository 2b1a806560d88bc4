package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.util.List;

/** Drift over 200 PostgreSQL schemas, read together in one database's catalog queries. */
class FleetDriftPostgresIT extends FleetDriftContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    int fleetSize() {
        return 200;
    }

    @Override
    String functionTriggerAndSequence() {
        return """
                CREATE SEQUENCE serial_numbers START 1000;
                CREATE FUNCTION normalize_serial() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.serial_no := upper(NEW.serial_no); RETURN NEW; END $$;
                CREATE TRIGGER trg_serials_normalize BEFORE INSERT ON serials FOR EACH ROW EXECUTE FUNCTION normalize_serial();
                """;
    }

    @Override
    List<String> editFunctionByHand() {
        return List.of("CREATE OR REPLACE FUNCTION normalize_serial() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN NEW.serial_no := lower(NEW.serial_no); RETURN NEW; END $$");
    }

    @Override
    String function() {
        return "normalize_serial()";
    }
}
