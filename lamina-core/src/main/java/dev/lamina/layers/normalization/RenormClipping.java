package dev.lamina.layers.normalization;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounds of batch renormalization's corrections (Ioffe, "Batch Renormalization", NeurIPS
 * 2017): {@code r} is clipped to [rmin, rmax] and {@code d} to [-dmax, dmax]; a null bound is not
 * applied (as Keras 3; the paper uses rmin = 1/rmax).
 *
 * @param rmin the lowest r, or null
 * @param rmax the highest r, at least 1, or null
 * @param dmax the largest |d|, at least 0, or null
 */
public record RenormClipping(Double rmin, Double rmax, Double dmax) {
    /** Validates the bounds. */
    public RenormClipping {
        Check.arg(rmax == null || rmax >= 1, "BatchNormalization", "renorm_clipping.rmax", rmax, "a number >= 1");
        Check.arg(dmax == null || dmax >= 0, "BatchNormalization", "renorm_clipping.dmax", dmax, "a number >= 0");
        Check.arg(rmin == null || rmin > 0, "BatchNormalization", "renorm_clipping.rmin", rmin, "a positive number");
        Check.arg(rmin == null || rmax == null || rmin <= rmax, "BatchNormalization", "renorm_clipping.rmin", rmin,
                "a number <= rmax (" + rmax + ")");
    }

    /** No clipping. */
    public static final RenormClipping NONE = new RenormClipping(null, null, null);

    /** The paper's final bounds: r in [1/3, 3], |d| &lt;= 5. */
    public static final RenormClipping PAPER = new RenormClipping(1.0 / 3, 3.0, 5.0);

    /** Keras' {@code renorm_clipping} dictionary (only the bounds that are set). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (rmax != null) {
            m.put("rmax", rmax);
        }
        if (rmin != null) {
            m.put("rmin", rmin);
        }
        if (dmax != null) {
            m.put("dmax", dmax);
        }
        return m;
    }

    /** Reads Keras' dictionary; unknown keys are refused, as Keras does. */
    static RenormClipping fromMap(Object value) {
        if (value == null) {
            return NONE;
        }
        Check.that(value instanceof Map<?, ?>, "BatchNormalization 'renorm_clipping' must be a dictionary with"
                + " rmax, rmin and dmax; received " + value + ".");
        Map<?, ?> m = (Map<?, ?>) value;
        for (Object k : m.keySet()) {
            Check.that(k.equals("rmax") || k.equals("rmin") || k.equals("dmax"), "BatchNormalization"
                    + " 'renorm_clipping' has the unknown key '" + k + "'; supported: rmax, rmin, dmax.");
        }
        return new RenormClipping(num(m.get("rmin")), num(m.get("rmax")), num(m.get("dmax")));
    }

    private static Double num(Object o) {
        Check.that(o == null || o instanceof Number, "BatchNormalization 'renorm_clipping' values must be numbers;"
                + " received " + o + ".");
        return o == null ? null : ((Number) o).doubleValue();
    }
}
