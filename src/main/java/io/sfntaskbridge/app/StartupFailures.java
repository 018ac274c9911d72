package io.sfntaskbridge.app;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a startup exception chain into one line an operator can act on. Camel wraps the real problem (a YAML parse
 * error, a refused connection) in several layers whose messages repeat each other; we keep each distinct message once,
 * outermost first, so the route file name from the wrapper and the reason from the root both survive.
 */
final class StartupFailures {

    private StartupFailures() {
    }

    static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
            if (messages.stream().noneMatch(seen -> seen.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": caused by: ", messages);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
