package io.sfntaskbridge.task;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This process's name for others to see (ledger claims, activity workers): the host name and the process id. */
public final class InstanceName {

    private InstanceName() {
    }

    /** {@code HOSTNAME} (a Kubernetes pod's name), else the host name, then "-" and the process id. */
    public static String of() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
