package dev.lamina.layers.normalization;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The warm-up of batch renormalization's bounds from the paper (Ioffe 2017, §4): for the first
 * {@code start} training steps r is held to 1 and d to 0 (plain batch normalization); then rmax
 * grows linearly to its target by step {@code rmaxEnd} and dmax by step {@code dmaxEnd}; rmin, when
 * set, follows as 1/rmax. The targets are those of the layer's {@link RenormClipping}.
 *
 * @param start steps of plain batch normalization
 * @param rmaxEnd the step at which rmax reaches its target
 * @param dmaxEnd the step at which dmax reaches its target
 */
public record RenormWarmup(long start, long rmaxEnd, long dmaxEnd) {
    /** The paper's schedule: 5,000 steps, rmax at 40,000, dmax at 25,000. */
    public static final RenormWarmup PAPER = new RenormWarmup(5_000, 40_000, 25_000);

    /** Validates the steps. */
    public RenormWarmup {
        Check.arg(start >= 0, "RenormWarmup", "start", start, "an integer >= 0");
        Check.arg(rmaxEnd > start, "RenormWarmup", "rmax_end", rmaxEnd, "a step after start (" + start + ")");
        Check.arg(dmaxEnd > start, "RenormWarmup", "dmax_end", dmaxEnd, "a step after start (" + start + ")");
    }

    /**
     * The bounds in force at training step {@code step}, growing towards {@code target} (whose rmax
     * and dmax must be set).
     */
    public RenormClipping at(long step, RenormClipping target) {
        double rmax = 1 + (target.rmax() - 1) * ramp(step, rmaxEnd);
        double dmax = target.dmax() * ramp(step, dmaxEnd);
        Double rmin = target.rmin() == null ? null : Math.max(target.rmin(), 1 / rmax);
        return new RenormClipping(rmin, rmax, dmax);
    }

    private double ramp(long step, long end) {
        if (step <= start) {
            return 0;
        }
        return Math.min(1, (double) (step - start) / (end - start));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start);
        m.put("rmax_end", rmaxEnd);
        m.put("dmax_end", dmaxEnd);
        return m;
    }

    static RenormWarmup fromMap(Object value) {
        if (value == null) {
            return null;
        }
        Check.that(value instanceof Map<?, ?>, "BatchNormalization 'renorm_warmup' must be a dictionary with start,"
                + " rmax_end and dmax_end; received " + value + ".");
        Map<?, ?> m = (Map<?, ?>) value;
        return new RenormWarmup(steps(m, "start"), steps(m, "rmax_end"), steps(m, "dmax_end"));
    }

    private static long steps(Map<?, ?> m, String key) {
        Object o = m.get(key);
        Check.that(o instanceof Number, "BatchNormalization 'renorm_warmup' needs an integer '" + key + "'; received "
                + o + ".");
        return ((Number) o).longValue();
    }
}
