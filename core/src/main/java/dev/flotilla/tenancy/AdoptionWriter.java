package dev.flotilla.tenancy;

import java.sql.SQLException;

/** Writes an {@link AdoptionPlan} as the up and down scripts of one dialect. */
interface AdoptionWriter {
    /** The type of the tenant column when none was asked for. */
    String defaultType();

    Scripts write(AdoptionPlan plan, String type) throws SQLException;

    record Scripts(String up, String down) {
    }
}
