package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Advice;

/** Why a task failed. @param check the id of the (first) check that failed, for {@code CHECK_FAILED}; null otherwise */
record TaskFailure(ErrorCode code, Advice advice, String migration, String check) {
    TaskFailure(ErrorCode code, Advice advice, String migration) {
        this(code, advice, migration, null);
    }

    TaskFailure(ErrorCode code, String message, String migration) {
        this(code, Advice.plain(message), migration, null);
    }

    TaskFailure(ErrorCode code, String message) {
        this(code, Advice.plain(message), null);
    }

    String message() {
        return advice.text();
    }

    /** This failure with the commands about {@link dev.flotilla.plan.Remedy#THIS_DEPLOYMENT} naming {@code deployment}. */
    TaskFailure inDeployment(String deployment) {
        return new TaskFailure(code, advice.inDeployment(deployment), migration, check);
    }
}
