package io.sfntaskbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** File and process helpers of {@link RuntimeProcess}. */
final class ProcessSupport {

    private ProcessSupport() {
    }

    /** The repository root: Maven's {@code basedir}, else the current directory. */
    static Path repo() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** Copies a file, or a directory with everything under it, to {@code target}, replacing what is there. */
    static Void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return null;
    }

    /**
     * A child started from a shell without job control (`cmd &` in a script) inherits SIGINT as ignored, and the JVM
     * then installs no handler for it; GNU env's {@code --default-signal} restores it so {@code kill -INT} works the
     * same wherever the build runs. Without GNU env the JVM is started directly.
     */
    static List<String> signalReset() {
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

    static String read(Path file) {
        return io(() -> Files.exists(file) ? Files.readString(file) : "");
    }

    interface IoAction<T> {
        T run() throws IOException;
    }

    static <T> T io(IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
