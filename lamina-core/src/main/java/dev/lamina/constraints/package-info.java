/** Weight constraints (MaxNorm, NonNeg, UnitNorm) applied after each optimizer step. */
package dev.lamina.constraints;
