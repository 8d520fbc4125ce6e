package dev.lamina.callbacks;

import dev.lamina.util.Check;

/**
 * Decides whether a monitored value improved, as Keras' monitor callbacks do: in {@code min} mode
 * {@code current - minDelta < best}, in {@code max} mode {@code current + minDelta > best}; in
 * {@code auto} mode, names containing accuracy or auc are maximized and everything else minimized.
 */
final class Monitor {
    final String key;
    final boolean maximize;
    final double minDelta;

    Monitor(String owner, String key, String mode, double minDelta) {
        Check.notNull(key, owner, "monitor");
        Check.arg(mode.equals("auto") || mode.equals("min") || mode.equals("max"), owner, "mode", mode,
                "one of auto, min, max");
        Check.arg(minDelta >= 0, owner, "min_delta", minDelta, "a number >= 0");
        this.key = key;
        String metric = key.startsWith("val_") ? key.substring(4) : key;
        this.maximize = mode.equals("max") || (mode.equals("auto")
                && (metric.contains("acc") || metric.contains("auc") || metric.contains("AUC")));
        this.minDelta = minDelta;
    }

    /** Whether {@code current} beats {@code reference} (NaN reference: always). */
    boolean improved(double current, double reference) {
        if (Double.isNaN(reference)) {
            return true;
        }
        return maximize ? current - minDelta > reference : current + minDelta < reference;
    }
}
