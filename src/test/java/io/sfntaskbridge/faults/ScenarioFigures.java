package io.sfntaskbridge.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The figures of one scenario run, written to {@code target/reliability/<scenario>.json} for RELIABILITY.md
 * ({@code scripts/reliability-table.sh} turns them into its table).
 */
final class ScenarioFigures {

    static final Path DIR = Path.of("target", "reliability");

    private ScenarioFigures() {
    }

    /**
     * @param scenario         the row's name
     * @param tasks            tasks started
     * @param faults           what was done to the runtime, in words
     * @param callsPerToken    backend calls per task token, e.g. "1" or "1 (4 cut off: 2)"
     * @param lost             tasks not answered (or not ended as the scenario expects)
     * @param logLines         lines the runtimes logged from the first fault to the end
     * @param logLinesBound    the bound the test asserts for them
     */
    static void write(String scenario, int tasks, String faults, String callsPerToken, int lost, long logLines,
                      long logLinesBound) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", scenario);
        row.put("tasks", tasks);
        row.put("faults", faults);
        row.put("backendCallsPerToken", callsPerToken);
        row.put("tasksLost", lost);
        row.put("logLines", logLines);
        row.put("logLinesBound", logLinesBound);
        try {
            Files.createDirectories(DIR);
            new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(DIR.resolve(scenario.replaceAll("[^A-Za-z0-9-]", "_") + ".json").toFile(), row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
