package io.sfntaskbridge.app;

import io.sfntaskbridge.aws.AwsClientsConfiguration;

import io.sfntaskbridge.reload.OneLineFailure;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sfntaskbridge.enrich.EnrichmentConfiguration;
import io.sfntaskbridge.ops.OpsConfiguration;
import io.sfntaskbridge.payload.PayloadConfiguration;
import io.sfntaskbridge.reload.ReloadConfiguration;
import io.sfntaskbridge.ledger.LedgerConfiguration;
import io.sfntaskbridge.worker.WorkerConfiguration;
import org.apache.camel.main.Main;

/**
 * Entry point of the standalone runtime ({@code java -jar sfn-task-bridge.jar}), and of
 * {@code java -jar sfn-task-bridge.jar provision}, which creates or updates the queues and the state machine and exits
 * (see {@link ProvisionCommand}).
 * <p>
 * Properties come from a file on disk, not the classpath, so users change configuration and routes without
 * rebuilding. The file is {@code config/application.properties} unless {@code --config <path>}, the system property
 * {@code bridge.config} or the environment variable {@code BRIDGE_CONFIG} names another one.
 * <p>
 * Startup problems (missing config, broken route file, unreachable AWS endpoint) end the process with one line on
 * stderr and a non-zero exit code, because a stack trace buries the one fact an operator needs.
 */
public final class BridgeMain {

    static final String DEFAULT_CONFIG = "config/application.properties";
    static final int EXIT_USAGE = 2;
    static final int EXIT_STARTUP_FAILED = 1;

    private BridgeMain() {
    }

    public static void main(String[] args) {
        int exitCode = run(args);
        System.exit(exitCode);
    }

    static int run(String[] args) {
        Path config;
        boolean provision;
        try {
            config = resolveConfig(args);
            provision = isProvisionCommand(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sfn-task-bridge: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (!Files.isRegularFile(config)) {
            System.err.println("sfn-task-bridge: config file not found: " + config.toAbsolutePath()
                               + " (set --config <file> or BRIDGE_CONFIG)");
            return EXIT_USAGE;
        }
        if (provision) {
            return ProvisionCommand.run(config, System.out, System.err);
        }

        Main main = new Main();
        main.configure().addConfiguration(AwsClientsConfiguration.class);
        main.configure().addConfiguration(WorkerConfiguration.class);
        main.configure().addConfiguration(LedgerConfiguration.class);
        main.configure().addConfiguration(PayloadConfiguration.class);
        main.configure().addConfiguration(EnrichmentConfiguration.class);
        main.configure().addConfiguration(ReloadConfiguration.class);
        main.configure().addConfiguration(OpsConfiguration.class);
        JavaRoutes.all().forEach(main.configure()::addRoutesBuilder);
        main.setPropertyPlaceholderLocations("file:" + config);
        main.addMainListener(new QuietStartup());
        main.addMainListener(new StartupReport(config));
        // After the report, which refuses an unreachable endpoint with the clearer message.
        main.addMainListener(new ProvisionOnStartup());
        StopSignals.stopOn(main);
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("sfn-task-bridge: startup failed: " + OneLineFailure.describe(e));
            return EXIT_STARTUP_FAILED;
        }
        return main.getExitCode();
    }

    /** The one command there is; any other word is a typo that must not silently start the runtime instead. */
    static boolean isProvisionCommand(String[] args) {
        boolean provision = false;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i])) {
                i++;
            } else if (ProvisionCommand.NAME.equals(args[i])) {
                provision = true;
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "' (usage: [--config <file>] ["
                                                   + ProvisionCommand.NAME + "])");
            }
        }
        return provision;
    }

    static Path resolveConfig(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i])) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--config needs a file path");
                }
                return Path.of(args[i + 1]);
            }
        }
        String configured = System.getProperty("bridge.config", System.getenv("BRIDGE_CONFIG"));
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_CONFIG : configured);
    }
}
