package dev.lamina.activations;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ReluGradient} on the Vector API; loaded only when the JVM has {@code jdk.incubator.vector}. */
final class VectorReluGradient implements ReluGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void apply(float[] x, float[] dy, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (; i + S.length() <= to; i += S.length()) {
            FloatVector xv = FloatVector.fromArray(S, x, i);
            zero.blend(FloatVector.fromArray(S, dy, i), xv.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        ReluGradient.scalar(x, dy, dx, i, to);
    }

    @Override
    public void applyThroughMask(float[] x, float[] dy, boolean[] keep, float keepProb, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (; i + S.length() <= to; i += S.length()) {
            VectorMask<Float> pass = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f)
                    .and(VectorMask.fromArray(S, keep, i));
            zero.blend(FloatVector.fromArray(S, dy, i).div(keepProb), pass).intoArray(dx, i);
        }
        ReluGradient.scalarThroughMask(x, dy, keep, keepProb, dx, i, to);
    }
}
