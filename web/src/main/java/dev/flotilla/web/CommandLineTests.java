package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.web.fleet.MigrationFiles;
import dev.flotilla.web.wizard.WizardDraft;

/**
 * The fleet dry runs of the command line (a CI job's {@code flotilla dry-run --all}) the wizard's test step can take as
 * its test: finished, of exactly the draft's versions, files as they are now and tenants, as the deploy's gate would
 * have them ({@link TestGate}). Stateless.
 */
final class CommandLineTests {
    /** How many of the newest command-line dry runs the test step looks through for one that fits. */
    private static final int LOOKED_AT = 20;

    private CommandLineTests() {
    }

    /** The newest command-line dry run that tested exactly what the draft would deploy; null when none did. */
    static FleetDryRunRecord newestOf(Console console, WizardDraft draft) {
        if (draft.versions().isEmpty() || draft.selectedCount() == 0) {
            return null;
        }
        for (String id : console.fleet().plane().dryRuns().newestFromCommandLine(LOOKED_AT, draft.versions(),
                draft.selectedCount())) {
            FleetDryRunRecord run = console.actions().tested(id).orElse(null);
            if (run != null && whyNot(console, draft, run) == null) {
                return run;
            }
        }
        return null;
    }

    /** The command-line dry run {@code id}, refused (409 NOT_TESTED) when it did not test what the draft would deploy. */
    static FleetDryRunRecord usable(Console console, WizardDraft draft, String id) {
        FleetDryRunRecord run = console.actions().tested(id).filter(FleetDryRunRecord::fromCommandLine).orElseThrow(() ->
                new Console.Refusal(404, "Not found", ErrorCode.NOT_TESTED, "No dry run " + id + " of the command line is"
                        + " kept in the control plane. Run the test here, or `flotilla dry-run` again."));
        String why = whyNot(console, draft, run);
        if (why != null) {
            throw new Console.Refusal(409, "Not what was tested", ErrorCode.NOT_TESTED, why + " Run the test here instead.");
        }
        return run;
    }

    private static String whyNot(Console console, WizardDraft draft, FleetDryRunRecord run) {
        if (!run.done()) {
            return "Dry run " + run.id() + " has not finished.";
        }
        if (run.error() != null) {
            return "Dry run " + run.id() + " could not run: " + run.error();
        }
        return run.differsFrom(draft.versions(), MigrationFiles.upTo(console.fleet().loadMigrations(), draft.versions()),
                draft.tenants());
    }
}
