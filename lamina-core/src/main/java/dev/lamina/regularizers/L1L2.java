package dev.lamina.regularizers;

import dev.lamina.util.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code l1 * sum(|w|) + l2 * sum(w²)}; its gradient is {@code l1 * sign(w) + 2 * l2 * w}, with
 * {@code sign(0) = 0} as in Keras on TensorFlow and in PyTorch (Keras on JAX takes 1 there, which only
 * a value of exactly zero shows).
 * Keras' {@code L1(l1=0.01)}, {@code L2(l2=0.01)} and {@code L1L2(l1=0, l2=0)}.
 *
 * @param l1 the L1 factor, non-negative
 * @param l2 the L2 factor, non-negative
 * @param className {@code L1}, {@code L2} or {@code L1L2}
 */
public record L1L2(double l1, double l2, String className) implements Regularizer {
    /** Validates the arguments. */
    public L1L2 {
        Check.arg(l1 >= 0 && Double.isFinite(l1), className, "l1", l1, "a finite number >= 0");
        Check.arg(l2 >= 0 && Double.isFinite(l2), className, "l2", l2, "a finite number >= 0");
    }

    /** Keras' {@code L1(l1)}; Keras' default factor is 0.01. */
    public static L1L2 l1(double l1) {
        return new L1L2(l1, 0, "L1");
    }

    /** Keras' {@code L2(l2)}; Keras' default factor is 0.01. */
    public static L1L2 l2(double l2) {
        return new L1L2(0, l2, "L2");
    }

    /** Keras' {@code L1L2(l1, l2)}. */
    public static L1L2 of(double l1, double l2) {
        return new L1L2(l1, l2, "L1L2");
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (!className.equals("L2")) {
            c.put("l1", l1);
        }
        if (!className.equals("L1")) {
            c.put("l2", l2);
        }
        return c;
    }

    @Override
    public double penalty(float[] w, int n) {
        double a = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            a += Math.abs(w[i]);
            s += (double) w[i] * w[i];
        }
        return l1 * a + l2 * s;
    }

    @Override
    public void addGradient(float[] w, float[] g, int n, float scale) {
        float a = (float) (l1 * scale);
        float b = (float) (2 * l2 * scale);
        for (int i = 0; i < n; i++) {
            g[i] += a * Math.signum(w[i]) + b * w[i];
        }
    }
}
