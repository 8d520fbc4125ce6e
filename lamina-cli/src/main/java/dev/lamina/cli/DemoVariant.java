package dev.lamina.cli;

import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.models.Sequential;

/**
 * One model of the demo: the lesson's stack of Dense layers, with or without Dropout(0.3) after
 * each hidden layer and BatchNormalization (after each hidden layer, and first for concrete).
 *
 * @param name the short name shown in tables and file names
 * @param dropout whether Dropout(0.3) follows each hidden Dense
 * @param batchNorm whether BatchNormalization follows each hidden Dense (and the input, if {@code inputBatchNorm})
 * @param inputBatchNorm whether BatchNormalization also comes first (the concrete lesson's model)
 */
record DemoVariant(String name, boolean dropout, boolean batchNorm, boolean inputBatchNorm) {
    /** The model for {@code features} inputs and {@code units} units per hidden layer. */
    Sequential model(int features, int units, long seed) {
        Sequential m = new Sequential(name.replace('+', '_'));
        m.add(Input.of(features));
        if (inputBatchNorm) {
            m.add(BatchNormalization.of());
        }
        for (int i = 0; i < 3; i++) {
            m.add(Dense.of(units, "relu"));
            if (dropout) {
                m.add(Dropout.of(0.3));
            }
            if (batchNorm) {
                m.add(BatchNormalization.of());
            }
        }
        m.add(Dense.of(1));
        return m.seed(seed);
    }
}
