package io.sfntaskbridge.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@link BridgeMain} in its own JVM, as an operator would, in a working directory of its own that holds
 * {@code config/application.properties} (a copy of the repo's) and {@code routes/}. Stdout and stderr go to separate
 * files so tests can tell the one-line error on stderr from the log on stdout.
 */
final class BridgeProcess {

    /** Matches text containing a stack trace line; startup problems must never print one. */
    static final String STACK_FRAME = "(?s)(.*\\n)?[ \\t]+at .*";

    private final Path workDir;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    private BridgeProcess(Path workDir) {
        this.workDir = workDir;
    }

    /** A working directory with a copy of the repo's config and no routes yet. */
    static BridgeProcess in(Path workDir) {
        try {
            Files.createDirectories(workDir.resolve("config"));
            Files.createDirectories(workDir.resolve("routes"));
            Files.copy(Path.of("config/application.properties"), workDir.resolve("config/application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BridgeProcess(workDir);
    }

    BridgeProcess route(String fileName, String yaml) {
        try {
            Files.writeString(workDir.resolve("routes").resolve(fileName), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BridgeProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    BridgeProcess start(String... args) {
        List<String> command = new ArrayList<>(signalReset());
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test",
                "-cp", System.getProperty("java.class.path"),
                BridgeMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        // whatever the developer's shell exports must not change what the test pins down
        builder.environment().keySet().removeIf(name -> name.startsWith("BRIDGE_") || name.startsWith("CAMEL_")
                                                        || name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A child started from a shell without job control (`cmd &` in a script) inherits SIGINT as ignored, and the JVM
     * then installs no handler for it; GNU env's {@code --default-signal} restores it so {@code kill -INT} works the
     * same wherever the build runs. Without GNU env the JVM is started directly.
     */
    private static List<String> signalReset() {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").start();
            return probe.waitFor() == 0 ? List.of("env", "--default-signal=INT") : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Waits for the exit; a process still running after the timeout is killed and the test fails. */
    int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("sfn-task-bridge still running after " + seconds + " s; stdout:\n" + stdout()
                                     + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name (INT, TERM) with kill(1), the way a shell or a process supervisor does. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    String stdout() {
        return read(workDir.resolve("stdout.log"));
    }

    String stderr() {
        return read(workDir.resolve("stderr.log"));
    }

    /** The non-blank lines of stderr. */
    List<String> stderrLines() {
        return stderr().lines().filter(line -> !line.isBlank()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
