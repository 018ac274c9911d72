package io.sfntaskbridge.app;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.LoggerFactory;

/**
 * Keeps the startup log to what an operator needs (StartupReport's lines and camel-main's essentials): camel-main's
 * summaries of every property it applied, about 60 lines, are printed only when {@code org.apache.camel.main} logs
 * at DEBUG.
 */
final class QuietStartup extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.configure().setAutoConfigurationLogSummary(LoggerFactory.getLogger(BaseMainSupport.class).isDebugEnabled());
    }
}
