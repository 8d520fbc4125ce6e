package dev.lamina.data;

import dev.lamina.tensor.Shape;
import dev.lamina.tensor.Tensor;
import java.util.function.UnaryOperator;

/** A source whose batches go through two functions on their way out (see {@link DataSource#map}). */
final class MappedSource implements DataSource {
    private final DataSource source;
    private final UnaryOperator<Tensor> inputs;
    private final UnaryOperator<Tensor> targets;

    MappedSource(DataSource source, UnaryOperator<Tensor> inputs, UnaryOperator<Tensor> targets) {
        this.source = source;
        this.inputs = inputs;
        this.targets = targets;
    }

    @Override
    public Shape inputShape() {
        return source.inputShape();
    }

    @Override
    public Shape targetShape() {
        return source.targetShape();
    }

    @Override
    public boolean weighted() {
        return source.weighted();
    }

    @Override
    public long rows() {
        return source.rows();
    }

    @Override
    public String fingerprint() {
        return source.fingerprint();
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public Batches batches(BatchPlan plan) {
        Batches in = source.batches(plan);
        return new Batches() {
            @Override
            public Batch next() {
                Batch b = in.next();
                if (b == null) {
                    return null;
                }
                return new Batch(inputs.apply(b.x()), b.y() == null ? null : targets.apply(b.y()), b.weights());
            }

            @Override
            public void skip(long count) {
                in.skip(count);
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
