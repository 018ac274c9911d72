package io.sfntaskbridge.reload;

import java.util.List;

/** Told about every reload of the route folder; beans of this type in the registry are called (metrics, for one). */
public interface ReloadListener {

    /** An edit took effect. */
    void reloadApplied(List<String> files);

    /** An edit was refused; the running routes stayed as they were. */
    void reloadRefused(List<String> files);
}
