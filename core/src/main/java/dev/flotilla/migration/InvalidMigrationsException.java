package dev.flotilla.migration;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.util.List;
import java.util.stream.Collectors;

/** The migration folder has errors; every one of them is listed, with the warnings. Nothing ran. */
public class InvalidMigrationsException extends FlotillaException {
    private final List<LoadFinding> findings;

    public InvalidMigrationsException(String folder, List<LoadFinding> findings) {
        super(firstErrorCode(findings), summary(folder, findings));
        this.findings = List.copyOf(findings);
    }

    public List<LoadFinding> findings() {
        return findings;
    }

    private static ErrorCode firstErrorCode(List<LoadFinding> findings) {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR && f.code() != null)
                .map(LoadFinding::code).findFirst().orElse(ErrorCode.BAD_USAGE);
    }

    private static String summary(String folder, List<LoadFinding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        return errors + " problem(s) in " + folder + "; nothing was run:\n" + findings.stream()
                .map(f -> "  " + (f.severity() == Severity.ERROR ? "" : "warning: ") + f.file()
                        + (f.line() > 0 ? ":" + f.line() : "") + ": " + f.message())
                .collect(Collectors.joining("\n"));
    }
}
