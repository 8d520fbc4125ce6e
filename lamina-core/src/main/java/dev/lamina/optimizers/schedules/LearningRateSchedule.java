package dev.lamina.optimizers.schedules;

import java.util.Map;

/** A learning rate as a function of the optimizer's step count (0 at the first step). */
public interface LearningRateSchedule {
    /** The learning rate at step {@code step}. */
    double at(long step);

    /** The Keras class name. */
    String className();

    /** The Keras config. */
    Map<String, Object> config();
}
