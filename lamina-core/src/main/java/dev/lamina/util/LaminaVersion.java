package dev.lamina.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Lamina in use, as its build wrote it (one source for files, exports and the command). */
public final class LaminaVersion {
    private static final String VERSION = read();

    private LaminaVersion() {}

    /** The version, e.g. {@code 0.1.0}. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = LaminaVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("$") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
