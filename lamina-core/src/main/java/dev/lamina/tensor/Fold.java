package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The last step of a k-block in the packed and few-row Vector API kernels: a run of sums folded
 * into C as {@code C = fma(acc, alpha, C)}, or {@code fma(acc, alpha, +0)} for the first block of a
 * product that overwrites C. A small method taking arrays, not vectors, so that whether or not the
 * JIT inlines it no vector is boxed.
 */
final class Fold {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Fold() {}

    /** {@code c[co + j] = fma(acc[o + j], alpha, fresh ? +0 : c[co + j])} for j below n. */
    static void run(float[] acc, int o, float alpha, boolean fresh, float[] c, int co, int n) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        int j = 0;
        if (fresh) {
            FloatVector z = FloatVector.zero(S);
            for (; j + L <= n; j += L) {
                FloatVector.fromArray(S, acc, o + j).fma(al, z).intoArray(c, co + j);
            }
            for (; j < n; j++) {
                c[co + j] = Math.fma(acc[o + j], alpha, 0f);
            }
            return;
        }
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(S, acc, o + j).fma(al, FloatVector.fromArray(S, c, co + j)).intoArray(c, co + j);
        }
        for (; j < n; j++) {
            c[co + j] = Math.fma(acc[o + j], alpha, c[co + j]);
        }
    }
}
