package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The last step of a k-block in the packed and few-row Vector API kernels: a run of sums folded
 * into C as {@code C = fma(acc, alpha, C)}, or {@code fma(acc, alpha, +0)} for the first block of a
 * product that overwrites C, and for the last block the product's {@link Epilogue}, if it has one.
 * Small methods taking arrays, not vectors, so that whether or not the JIT inlines them no vector
 * is boxed.
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

    /**
     * {@link #run} followed by {@code epilogue} on each element, whose column in C is {@code col + j}
     * (the epilogue's per-column arrays are indexed by it); {@code epilogue} null is plain {@link #run}.
     */
    static void run(float[] acc, int o, float alpha, boolean fresh, float[] c, int co, int n, Epilogue epilogue,
                    int col) {
        if (epilogue == null) {
            run(acc, o, alpha, fresh, c, co, n);
            return;
        }
        int j = n / L * L;
        withEpilogue(acc, o, 0, 1, j, alpha, fresh, c, co, 0, epilogue, col);
        for (; j < n; j++) {
            c[co + j] = epilogue.apply(Math.fma(acc[o + j], alpha, fresh ? 0f : c[co + j]), col + j);
        }
    }

    /**
     * The fold of a micro-kernel's tile of sums ({@code rows} rows of {@code cols} valid columns,
     * row i at {@code acc[i * stride]}) into C at {@code c[co + i * ldc]}, whose first column is
     * column {@code col} of the product: {@link #run} row by row, in one call; whole rows (with or
     * without an epilogue) are folded vector by vector without the per-row set-up.
     */
    static void tile(float[] acc, int stride, int rows, int cols, float alpha, boolean fresh, float[] c, int co, int ldc,
                     Epilogue epilogue, int col) {
        if (cols != stride || cols % L != 0) {
            for (int i = 0; i < rows; i++) {
                run(acc, i * stride, alpha, fresh, c, co + i * ldc, cols, epilogue, col);
            }
            return;
        }
        if (epilogue != null) {
            withEpilogue(acc, 0, stride, rows, cols, alpha, fresh, c, co, ldc, epilogue, col);
            return;
        }
        FloatVector al = FloatVector.broadcast(S, alpha);
        if (fresh) {
            FloatVector z = FloatVector.zero(S);
            for (int i = 0; i < rows; i++) {
                int o = i * stride;
                int d = co + i * ldc;
                for (int j = 0; j < cols; j += L) {
                    FloatVector.fromArray(S, acc, o + j).fma(al, z).intoArray(c, d + j);
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = i * stride;
            int d = co + i * ldc;
            for (int j = 0; j < cols; j += L) {
                FloatVector.fromArray(S, acc, o + j).fma(al, FloatVector.fromArray(S, c, d + j)).intoArray(c, d + j);
            }
        }
    }

    /**
     * The vector part of a fold with an epilogue: {@code rows} rows of {@code width} floats (a multiple
     * of the vector length), row i of the sums at {@code acc[o + i * stride]} and of C at
     * {@code c[co + i * ldc]}, the same operations per element as {@link Epilogue#apply}. The
     * epilogue's arrays are read once for all the rows rather than once per row of three vectors
     * (the folds with an epilogue were 1.9 % of a W1 step's samples row by row; 1.4-2.0 % so, in
     * runs whose JIT inlined them differently).
     */
    private static void withEpilogue(float[] acc, int o, int stride, int rows, int width, float alpha, boolean fresh,
                                     float[] c, int co, int ldc, Epilogue epilogue, int col) {
        float[] bias = epilogue.bias();
        float[] scale = epilogue.scale();
        float[] shift = epilogue.shift();
        boolean relu = epilogue.relu();
        FloatVector al = FloatVector.broadcast(S, alpha);
        FloatVector z = FloatVector.zero(S);
        for (int i = 0; i < rows; i++) {
            int r = o + i * stride;
            int d = co + i * ldc;
            for (int j = 0; j < width; j += L) {
                FloatVector prior = fresh ? z : FloatVector.fromArray(S, c, d + j);
                FloatVector v = FloatVector.fromArray(S, acc, r + j).fma(al, prior);
                if (bias != null) {
                    v = v.add(FloatVector.fromArray(S, bias, col + j));
                }
                if (relu) {
                    v = v.max(z);
                }
                if (scale != null) {
                    v = v.mul(FloatVector.fromArray(S, scale, col + j)).add(FloatVector.fromArray(S, shift, col + j));
                }
                v.intoArray(c, d + j);
            }
        }
    }
}
