package dev.flotilla.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answer to a request it refuses before the console sees it (a request line or headers past Jetty's limit, a
 * malformed request): problem+json instead of Jetty's own HTML page. The path is not known then, so the answer cannot
 * be the console's page; it names no part of the request.
 */
final class JettyRefusals extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        String detail = switch (status) {
            case 414 -> "The address is too long: the console takes at most " + Guard.MAX_URI + " characters.";
            case 431 -> "The request's headers are larger than the console takes.";
            default -> "The console could not read the request.";
        };
        return ByteBuffer.wrap(Problems.json(status, title(status), dev.flotilla.ErrorCode.BAD_USAGE,
                detail, null).getBytes(StandardCharsets.UTF_8));
    }

    private static String title(int status) {
        return switch (status) {
            case 414 -> "URI too long";
            case 431 -> "Request header fields too large";
            default -> "Bad request";
        };
    }
}
