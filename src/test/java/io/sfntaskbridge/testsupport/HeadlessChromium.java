package io.sfntaskbridge.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, to look at a page as a browser shows it after its JavaScript ran. {@link #find()}
 * takes {@code $CHROMIUM} or {@code /usr/bin/chromium}; when there is none and this runs as root with apt-get (CI),
 * it installs the {@code chromium} package; otherwise the test fails, saying how to install it. Each call uses a fresh
 * profile directory under {@code profiles} and no network besides the page's own requests.
 */
public final class HeadlessChromium {

    private static final Path DEBIAN = Path.of("/usr/bin/chromium");
    private static final long INSTALL_MINUTES = 15;

    private final Path binary;
    private final Path profiles;
    private int runs;

    private HeadlessChromium(Path binary, Path profiles) {
        this.binary = binary;
        this.profiles = profiles;
    }

    /** Chromium, installed first when missing (root with apt-get only); {@code profiles} holds each run's profile. */
    public static HeadlessChromium find(Path profiles) throws IOException, InterruptedException {
        String configured = System.getenv("CHROMIUM");
        Path binary = configured != null && !configured.isBlank() ? Path.of(configured) : DEBIAN;
        if (!Files.isExecutable(binary) && configured == null) {
            install(profiles);
        }
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("Chromium is needed for this test and is not at " + binary + ". Install Debian's"
                                     + " package as root (apt-get update && apt-get install -y chromium) or set"
                                     + " CHROMIUM to a Chromium or Chrome binary.");
        }
        return new HeadlessChromium(binary, profiles);
    }

    private static void install(Path logs) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean apt = Files.isExecutable(Path.of("/usr/bin/apt-get"));
        if (!root || !apt) {
            throw new AssertionError("Chromium is needed for this test and is not installed (" + DEBIAN + "), and it"
                                     + " cannot be installed from here (" + (root ? "no apt-get" : "not root")
                                     + "). Install it: sudo apt-get update && sudo apt-get install -y chromium, or"
                                     + " set CHROMIUM to a Chromium or Chrome binary.");
        }
        Files.createDirectories(logs);
        Path log = logs.resolve("apt-get.log");
        if (run(log, "apt-get", "install", "-y", "chromium") != 0) {
            // the package lists may be missing or stale
            run(log, "apt-get", "update");
            if (run(log, "apt-get", "install", "-y", "chromium") != 0) {
                throw new AssertionError("apt-get install -y chromium failed; see " + log + ":\n" + Files.readString(log));
            }
        }
    }

    private static int run(Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took more than " + INSTALL_MINUTES + " minutes; see " + log);
        }
        return process.exitValue();
    }

    /** The page's DOM after its scripts ran (up to 5 s of virtual time), as HTML. */
    public String dumpDom(URI page) throws IOException, InterruptedException {
        Path out = chromium(page, "--dump-dom");
        return Files.readString(out);
    }

    /** Saves a PNG screenshot of the page, 1200 × 900, after its scripts ran. */
    public void screenshot(URI page, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        chromium(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,900", "--hide-scrollbars");
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
    }

    private Path chromium(URI page, String... action) throws IOException, InterruptedException {
        int run = ++runs;
        Path profile = Files.createDirectories(profiles.resolve("profile-" + run));
        Path out = profiles.resolve("run-" + run + ".stdout");
        Path err = profiles.resolve("run-" + run + ".stderr");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(List.of(action));
        command.add(page.toString());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Chromium did not finish within 90 s; stderr:\n" + Files.readString(err));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + "; stderr:\n" + Files.readString(err));
        }
        return out;
    }
}
