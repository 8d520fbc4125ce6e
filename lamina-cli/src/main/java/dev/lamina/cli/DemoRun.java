package dev.lamina.cli;

import dev.lamina.callbacks.CurveReading;
import dev.lamina.callbacks.History;

/**
 * The outcome of one variant of the demo.
 *
 * @param variant the model
 * @param history the per-epoch losses
 * @param secondsPerEpoch the mean wall time of an epoch (training and validation)
 * @param reading the reading of its learning curves
 * @param summary the model's summary table
 */
record DemoRun(DemoVariant variant, History history, double secondsPerEpoch, CurveReading reading, String summary) {}
