package dev.lamina.activations;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ReluGradient} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class VectorReluGradient implements ReluGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Elements per call of the inner method (see {@code VectorBatchNormRows} on methods entered rarely). */
    private static final int CHUNK = 1024;

    @Override
    public void apply(float[] x, float[] dy, float[] dx, int from, int to) {
        int end = from + (to - from) / S.length() * S.length();
        for (int c = from; c < end; c += CHUNK) {
            applyVectors(x, dy, dx, c, Math.min(end, c + CHUNK));
        }
        ReluGradient.scalar(x, dy, dx, end, to);
    }

    private static void applyVectors(float[] x, float[] dy, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = from; i < to; i += S.length()) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            zero.blend(FloatVector.fromArray(S, dy, i), xv.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
    }
}
