package dev.lamina.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Three rows of a matrix written side by side, {@code out[dst + 3p + r] = row r[p]}: the packed
 * panel of the 3 x 3 tile's broadcast operand. Per {@code L} elements of each row (three vectors
 * in, three out), each input vector is permuted once and the outputs are blends of the three
 * permutations: element {@code j} of row {@code r} goes to position {@code 3j + r} of the output,
 * which is lane {@code (3j + r) mod L} of vector {@code (3j + r) / L}; since 3 and {@code L} are
 * coprime, the lanes {@code (3j + r) mod L} of one row are all different, so one permutation puts
 * each of its elements in its final lane, and a lane's row is {@code (vL + lane) mod 3}.
 * Nine vector operations and six memory accesses per {@code 3L} floats, against {@code 6L} scalar
 * loads and stores.
 */
final class Interleave3 {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorShuffle<Float> ROW0 = permutation(0);
    private static final VectorShuffle<Float> ROW1 = permutation(1);
    private static final VectorShuffle<Float> ROW2 = permutation(2);
    /** Lanes of output vector v that come from row r: {@code V<v>R<r>}. */
    private static final VectorMask<Float> V0R1 = lanes(0, 1);
    private static final VectorMask<Float> V0R2 = lanes(0, 2);
    private static final VectorMask<Float> V1R1 = lanes(1, 1);
    private static final VectorMask<Float> V1R2 = lanes(1, 2);
    private static final VectorMask<Float> V2R1 = lanes(2, 1);
    private static final VectorMask<Float> V2R2 = lanes(2, 2);

    private Interleave3() {}

    /** Interleaves {@code n} elements of the rows at {@code a[s0..]}, {@code a[s1..]}, {@code a[s2..]} into {@code out[dst..]}. */
    static void rows(float[] a, int s0, int s1, int s2, int n, float[] out, int dst) {
        int p = 0;
        for (; p <= n - L; p += L) {
            FloatVector x = FloatVector.fromArray(S, a, s0 + p).rearrange(ROW0);
            FloatVector y = FloatVector.fromArray(S, a, s1 + p).rearrange(ROW1);
            FloatVector z = FloatVector.fromArray(S, a, s2 + p).rearrange(ROW2);
            int d = dst + 3 * p;
            x.blend(y, V0R1).blend(z, V0R2).intoArray(out, d);
            x.blend(y, V1R1).blend(z, V1R2).intoArray(out, d + L);
            x.blend(y, V2R1).blend(z, V2R2).intoArray(out, d + 2 * L);
        }
        for (; p < n; p++) {
            int d = dst + 3 * p;
            out[d] = a[s0 + p];
            out[d + 1] = a[s1 + p];
            out[d + 2] = a[s2 + p];
        }
    }

    /** Lane {@code (3j + r) mod L} takes element j of row r. */
    private static VectorShuffle<Float> permutation(int r) {
        int[] source = new int[L];
        for (int j = 0; j < L; j++) {
            source[(3 * j + r) % L] = j;
        }
        return VectorShuffle.fromArray(S, source, 0);
    }

    private static VectorMask<Float> lanes(int v, int r) {
        boolean[] bits = new boolean[L];
        for (int lane = 0; lane < L; lane++) {
            bits[lane] = (v * L + lane) % 3 == r;
        }
        return VectorMask.fromArray(S, bits, 0);
    }
}
