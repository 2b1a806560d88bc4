package dev.flotilla.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Errors of the REST API as RFC 9457 problem details. */
final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * With {@code errorCode}, Flotilla's code of the refusal (every refusal has one), for a program to match whatever
     * the title says: a console's own refusal ("Test first") carries one as Flotilla's errors do (NOT_TESTED).
     */
    static String json(int status, String title, dev.flotilla.ErrorCode errorCode, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("errorCode", errorCode.name());
        problem.put("instance", instance);
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
