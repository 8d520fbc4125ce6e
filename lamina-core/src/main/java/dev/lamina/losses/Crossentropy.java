package dev.lamina.losses;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the binary and categorical cross-entropies share: {@code from_logits} and {@code label_smoothing}. */
abstract class Crossentropy implements Loss {
    /** Whether predictions are logits rather than probabilities. */
    final boolean fromLogits;
    /** The label smoothing factor in [0, 1]. */
    final double labelSmoothing;

    Crossentropy(boolean fromLogits, double labelSmoothing) {
        Check.arg(labelSmoothing >= 0 && labelSmoothing <= 1, getClass().getSimpleName(), "label_smoothing",
                labelSmoothing, "a number in [0, 1]");
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", labelSmoothing);
        return c;
    }

    @Override
    public String toString() {
        return name();
    }
}
