/**
 * Learning-curve charts of a {@link dev.lamina.callbacks.History}, as PNG or SVG, on XChart, in the
 * look of the {@code lamina} command's charts: {@link dev.lamina.plot.LearningCurves} for one run's
 * loss and val_loss, {@link dev.lamina.plot.CurveComparison} for one curve of several runs, and
 * {@link dev.lamina.plot.YRange} for a y axis shared by charts that are compared; both charts
 * extend {@link dev.lamina.plot.CurveChart}.
 */
package dev.lamina.plot;
