package io.sfntaskbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.LocalStack;

/**
 * {@code bench/run.sh start}: start-to-ready and idle RSS of the runtime launched as the container image launches it
 * ({@code java <image flags> <variant flags> -cp target/sfn-task-bridge.jar io.sfntaskbridge.app.BridgeMain}, default
 * config and routes, endpoint and queue from the environment; see {@link JarProbe}), for several flag sets, launched
 * round-robin ({@code bench.start.runs} launches each, default 5), medians printed.
 * <p>
 * {@code bench.start.sets}: flag sets separated by {@code ;}, each {@code label=flags}. A set containing {@code @cds}
 * gets an AppCDS archive: one training launch with {@code -XX:ArchiveClassesAtExit} (the archive is written when the
 * runtime stops), then {@code -XX:SharedArchiveFile} in the measured launches. {@code bench.start.base}: the image's
 * flags (pom.xml, jib jvmFlags) plus {@code -XX:MaxRAM=768m}, which makes the heap ergonomics those of the
 * Kubernetes pod's 768Mi limit (deploy/kubernetes/deployment.yaml).
 */
public final class StartBenchmark {

    /** The image's jvmFlags before the measured change (commit f444534): that section's baseline. */
    static final String IMAGE_FLAGS = "-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=50.0 "
                                       + "-XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8";
    /**
     * As measured in BENCHMARKS.md (the jar with the image's flags; the image itself: {@code bench/run.sh image});
     * "flags" = the image's jvmFlags of commit f444534, "all" = those plus AppCDS.
     */
    static final String DEFAULT_SETS = "image=;serial=-XX:+UseSerialGC;c1=-XX:TieredStopAtLevel=1;"
                                       + "cds=@cds;small=-XX:+UseSerialGC -XX:InitialRAMPercentage=2;"
                                       + "flags=-XX:+UseSerialGC -XX:InitialRAMPercentage=2 -Xss512k -XX:TieredStopAtLevel=1;"
                                       + "all=-XX:+UseSerialGC -XX:InitialRAMPercentage=2 -Xss512k -XX:TieredStopAtLevel=1 @cds";

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("bench.start.base", IMAGE_FLAGS + " -XX:MaxRAM=768m");
        int runs = Integer.getInteger("bench.start.runs", 5);
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (String set : System.getProperty("bench.start.sets", DEFAULT_SETS).split(";")) {
            int eq = set.indexOf('=');
            sets.put(set.substring(0, eq).strip(), split(base + " " + set.substring(eq + 1)));
        }
        var sqs = LocalStack.sqs();
        Map<String, List<JarProbe.Figures>> figures = new LinkedHashMap<>();
        for (var set : sets.entrySet()) {
            if (set.getValue().contains("@cds")) {
                set.setValue(withArchive(set.getKey(), set.getValue(), sqs));
            }
            figures.put(set.getKey(), new ArrayList<>());
        }
        System.out.println("base flags: " + base);
        for (int run = 1; run <= runs; run++) {
            for (var set : sets.entrySet()) {
                JarProbe.Figures f = new JarProbe(LocalStack.endpoint(), sqs, launch(set.getValue())).measure(List.of());
                figures.get(set.getKey()).add(f);
                System.out.printf("start %-12s run %d: started-in line %.2f s, readiness UP %.2f s, idle RSS %d MB"
                                  + "  (load %s)%n", set.getKey(), run, f.startToReadySeconds(), f.startToHealthSeconds(),
                        f.idleRssKb() / 1024, CpuBenchmark.load());
            }
        }
        System.out.println();
        System.out.printf("medians over %d launches (goals: readiness UP <= 1.5 s, idle RSS <= 160 MB)%n", runs);
        for (var set : sets.entrySet()) {
            List<JarProbe.Figures> f = figures.get(set.getKey());
            System.out.printf("  %-12s started-in %.2f s  readiness UP %.2f s  idle RSS %4d MB   flags: %s%n",
                    set.getKey(), median(f.stream().mapToDouble(JarProbe.Figures::startToReadySeconds).toArray()),
                    median(f.stream().mapToDouble(JarProbe.Figures::startToHealthSeconds).toArray()),
                    (long) median(f.stream().mapToDouble(x -> x.idleRssKb() / 1024.0).toArray()),
                    String.join(" ", set.getValue()).replace(base, "<base>"));
        }
        System.exit(0);
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.split(" ")).filter(f -> !f.isBlank()).toList();
    }

    private static List<String> launch(List<String> flags) {
        List<String> command = new ArrayList<>(flags);
        command.addAll(List.of("-cp", "target/sfn-task-bridge.jar", "io.sfntaskbridge.app.BridgeMain"));
        return command;
    }

    /** Trains an AppCDS archive for {@code label}: one launch that writes it when the runtime stops. */
    private static List<String> withArchive(String label, List<String> flags, software.amazon.awssdk.services.sqs.SqsClient sqs)
            throws Exception {
        Path archive = Path.of("target/bench-cds/" + label + ".jsa").toAbsolutePath();
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        List<String> training = new ArrayList<>(flags.stream().filter(f -> !f.equals("@cds")).toList());
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        long started = System.nanoTime();
        new JarProbe(LocalStack.endpoint(), sqs, launch(training)).measure(List.of());
        for (int i = 0; i < 100 && !Files.isRegularFile(archive); i++) {
            Thread.sleep(100);
        }
        System.out.printf("AppCDS archive for %s: %s, %d MB, trained in %.1f s%n", label, archive,
                Files.size(archive) / (1024 * 1024), (System.nanoTime() - started) / 1e9);
        List<String> measured = new ArrayList<>(training.subList(0, training.size() - 1));
        measured.add("-XX:SharedArchiveFile=" + archive);
        return measured;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
