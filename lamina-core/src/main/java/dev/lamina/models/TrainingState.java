package dev.lamina.models;

import java.util.List;
import java.util.Map;

/**
 * Where a run stands, for resuming it: the next step to run ({@code step} of {@code epoch}), the
 * epoch's running loss and metric accumulators so far, the layers' counters and the callbacks'
 * states (in the order of the run's callbacks that are {@link dev.lamina.callbacks.Resumable}).
 *
 * @param epoch the epoch to run
 * @param step the next step of that epoch (0 at an epoch boundary)
 * @param lossSum the sum of the batch losses times their rows so far this epoch
 * @param seen the rows seen so far this epoch
 * @param metrics each metric's accumulated state
 * @param counters the layers' step counters by layer position (noise layers, BatchNormalization)
 * @param callbacks each resumable callback's state
 * @param callbackArrays each resumable callback's arrays
 */
public record TrainingState(int epoch, int step, double lossSum, long seen, List<double[]> metrics,
                            Map<String, Long> counters, List<Map<String, Object>> callbacks,
                            List<List<float[]>> callbackArrays) {}
