package io.sfntaskbridge.component;

import io.sfntaskbridge.task.SfnTaskErrors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps an exception to a Step Functions error name by class name. The user's table is searched first over the whole
 * cause chain, then the built-in table; within a table the thrown exception's class hierarchy is searched before its
 * causes, so the outermost matching exception decides.
 */
public final class ErrorNameMapper {

    static final Map<String, String> BUILT_IN = builtIn();

    private final Map<String, String> userEntries;

    private ErrorNameMapper(Map<String, String> userEntries) {
        this.userEntries = userEntries;
    }

    /**
     * Parses an {@code errorMapping} option value such as
     * {@code com.example.QuotaException=App.Quota,java.io.IOException=App.Io}.
     *
     * @throws IllegalArgumentException when an entry is not {@code class=Error.Name}
     */
    public static ErrorNameMapper parse(String errorMapping) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (errorMapping != null && !errorMapping.isBlank()) {
            for (String entry : errorMapping.split(",")) {
                int separator = entry.indexOf('=');
                String className = separator < 0 ? "" : entry.substring(0, separator).trim();
                String errorName = separator < 0 ? "" : entry.substring(separator + 1).trim();
                if (className.isEmpty() || errorName.isEmpty()) {
                    throw new IllegalArgumentException("Invalid errorMapping entry '" + entry.trim()
                                                       + "'; expected fully.qualified.ExceptionClass=Error.Name");
                }
                entries.put(className, errorName);
            }
        }
        return new ErrorNameMapper(Collections.unmodifiableMap(entries));
    }

    /** Returns the error name for {@code exception}, or empty when neither table matches. */
    public Optional<String> errorNameFor(Throwable exception) {
        return search(userEntries, exception).or(() -> search(BUILT_IN, exception));
    }

    private static Optional<String> search(Map<String, String> table, Throwable exception) {
        // A cause chain may loop back on itself, so each exception is visited once.
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = exception; current != null && visited.add(current); current = current.getCause()) {
            for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
                String errorName = table.get(type.getName());
                if (errorName != null) {
                    return Optional.of(errorName);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> builtIn() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("java.net.SocketTimeoutException", SfnTaskErrors.TIMEOUT);
        table.put("java.util.concurrent.TimeoutException", SfnTaskErrors.TIMEOUT);
        table.put("org.apache.camel.ExchangeTimedOutException", SfnTaskErrors.TIMEOUT);
        table.put("com.fasterxml.jackson.core.JsonProcessingException", SfnTaskErrors.INVALID_INPUT);
        table.put("org.apache.camel.InvalidPayloadException", SfnTaskErrors.INVALID_INPUT);
        table.put("java.lang.IllegalArgumentException", SfnTaskErrors.INVALID_INPUT);
        return Collections.unmodifiableMap(table);
    }
}
