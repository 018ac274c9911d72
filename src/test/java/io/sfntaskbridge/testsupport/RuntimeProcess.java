package io.sfntaskbridge.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.sfntaskbridge.testsupport.ProcessSupport.copyTree;
import static io.sfntaskbridge.testsupport.ProcessSupport.io;
import static io.sfntaskbridge.testsupport.ProcessSupport.read;
import static io.sfntaskbridge.testsupport.ProcessSupport.repo;
import static io.sfntaskbridge.testsupport.ProcessSupport.signalReset;

/**
 * Runs the real {@code io.sfntaskbridge.app.BridgeMain} in its own JVM (the test classpath), as an operator would, in
 * a working directory of its own that holds {@code config/application.properties} (a copy of the repo's) and
 * {@code routes/}: repo route files ({@link #repoRoutes}), route text ({@link #route(String, String)}) or files
 * ({@link #route(Path)}). Settings come from {@link #env} ({@code BRIDGE_*} overrides); the test JVM's own
 * {@code BRIDGE_*}, {@code CAMEL_*} and {@code AWS_*} variables are not passed on. Stdout and stderr go to separate
 * files per run ({@code run-<n>.stdout.log}), so tests can tell the one-line error on stderr from the log on stdout.
 * {@link #restart()} starts a new process in the same directory: files the runtime wrote there (an H2 ledger under
 * {@code work/}) survive, as after a crash and restart.
 */
public final class RuntimeProcess implements AutoCloseable {

    /** Matches text containing a stack trace line; startup problems must never print one. */
    public static final String STACK_FRAME = "(?s)(.*\\n)?[ \\t]+at .*";
    private static final String MAIN_CLASS = "io.sfntaskbridge.app.BridgeMain";

    private final Path workDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private List<String> args = List.of();
    private Process process;
    private int run;

    private RuntimeProcess(Path workDir) {
        this.workDir = workDir;
    }

    /** A working directory with a copy of the repo's config and no routes yet. */
    public static RuntimeProcess in(Path workDir) {
        RuntimeProcess runtime = new RuntimeProcess(workDir);
        runtime.copyFromRepo("config/application.properties");
        io(() -> Files.createDirectories(workDir.resolve("routes")));
        return runtime;
    }

    /** Copies route files of the repo's {@code routes/}, e.g. {@code "task-worker.camel.yaml"}. */
    public RuntimeProcess repoRoutes(String... fileNames) {
        for (String fileName : fileNames) {
            copyFromRepo("routes/" + fileName);
        }
        return this;
    }

    /** Writes a route file into {@code routes/}. */
    public RuntimeProcess route(String fileName, String yaml) {
        io(() -> Files.writeString(workDir.resolve("routes").resolve(fileName), yaml));
        return this;
    }

    /** Copies a route file (e.g. from src/test/resources) into {@code routes/}, keeping its name. */
    public RuntimeProcess route(Path file) {
        io(() -> Files.copy(file, workDir.resolve("routes").resolve(file.getFileName().toString()),
                StandardCopyOption.REPLACE_EXISTING));
        return this;
    }

    /** Copies a file or directory tree of the repo (e.g. {@code "samples/db"}) to the same relative path. */
    public RuntimeProcess copyFromRepo(String relativePath) {
        io(() -> copyTree(repo().resolve(relativePath), workDir.resolve(relativePath)));
        return this;
    }

    /** An environment variable of the runtime, e.g. {@code BRIDGE_AWS_ENDPOINT}; applies from the next start. */
    public RuntimeProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A JVM option such as {@code -Xmx256m}; applies from the next start. */
    public RuntimeProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Starts the runtime with these command line arguments. */
    public RuntimeProcess start(String... arguments) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("pid " + process.pid() + " is still running; stop it first");
        }
        args = List.of(arguments);
        run++;
        List<String> command = new ArrayList<>(signalReset());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Daws.accessKeyId=test", "-Daws.secretAccessKey=test"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdoutFile().toFile())
                .redirectError(stderrFile().toFile());
        // whatever the developer's shell exports must not change what the test pins down
        builder.environment().keySet().removeIf(name -> name.startsWith("BRIDGE_") || name.startsWith("CAMEL_")
                                                        || name.startsWith("AWS_"));
        // Several runtimes run at once in the tests: any free management port unless the test names one.
        builder.environment().put("BRIDGE_MANAGEMENT_PORT", "0");
        builder.environment().putAll(environment);
        process = io(builder::start);
        return this;
    }

    /** Starts a new process with the same arguments in the same directory, once the previous one has exited. */
    public RuntimeProcess restart() {
        return start(args.toArray(String[]::new));
    }

    /** Waits for the exit; a process still running after the timeout is killed and the test fails. */
    public int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("sfn-task-bridge still running after " + seconds + " s; stdout:\n" + stdout()
                                     + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /**
     * Waits until a stdout line of the current run matches {@code regex} (found anywhere in the line) and returns it;
     * fails at once when the process exits first, and after {@code timeout}.
     */
    public String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean alive = process.isAlive();
            Optional<String> line = stdout().lines().filter(l -> pattern.matcher(l).find()).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            String problem = !alive ? "the runtime exited (" + process.exitValue() + ")"
                    : System.nanoTime() > deadline ? "still no match after " + timeout : null;
            if (problem != null) {
                throw new AssertionError(problem + " while waiting for a line matching /" + regex + "/ in "
                                         + stdoutFile() + "; stdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
            Thread.sleep(100);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name (INT, TERM, KILL) with kill(1), the way a shell or a process supervisor does. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Kills the process if it still runs (for {@code @AfterEach}). */
    public void destroy() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        destroy();
    }

    public Path workDir() {
        return workDir;
    }

    /** 1 for the first start, 2 after the first restart, and so on. */
    public int run() {
        return run;
    }

    /** Stdout of the current run. */
    public String stdout() {
        return read(stdoutFile());
    }

    /** Stdout of an earlier (or the current) run, 1 being the first. */
    public String stdout(int ofRun) {
        return read(workDir.resolve("run-" + ofRun + ".stdout.log"));
    }

    public String stderr() {
        return read(stderrFile());
    }

    /** The non-blank lines of stderr. */
    public List<String> stderrLines() {
        return stderr().lines().filter(line -> !line.isBlank()).toList();
    }

    /** How many lines the current run has written to stdout so far. */
    public long logLines() {
        return stdout().lines().count();
    }

    private Path stdoutFile() {
        return workDir.resolve("run-" + run + ".stdout.log");
    }

    private Path stderrFile() {
        return workDir.resolve("run-" + run + ".stderr.log");
    }
}
