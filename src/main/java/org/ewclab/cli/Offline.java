package org.ewclab.cli;

/** DJL calls a cloud metadata address unless told not to; the lab must make no network call, ever. */
public final class Offline {
    private Offline() {
    }

    /** Must run before any DJL class loads. Idempotent. */
    public static void enforce() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
