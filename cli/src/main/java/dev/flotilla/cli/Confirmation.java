package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;

/**
 * The question a command that changes tenants asks before it does (deploy, rollback, restore): on a terminal it is
 * asked, and anything but yes stops the command with nothing done; without one (CI, a script, --json) the command
 * needs --yes and says so. Asked where the command's {@link Output#answers} are: the terminal; given lines in the
 * in-process tests.
 */
final class Confirmation {
    private Confirmation() {
    }

    /**
     * @param question the question, ending in "?"; " [y/N] " is added
     * @param noTerminal why --yes is needed when there is no terminal to ask on, ending in "pass --yes..."
     * @param notDone what was not done when the answer is no: "nothing was deployed"
     */
    static void ask(Output output, String question, String noTerminal, String notDone) {
        Answers answers = output.answers();
        if (!answers.canAsk() || output.json()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, noTerminal);
        }
        String answer = answers.answer(question + " [y/N] ");
        if (answer == null || !answer.trim().toLowerCase().startsWith("y")) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Not confirmed; " + notDone + ".");
        }
    }
}
