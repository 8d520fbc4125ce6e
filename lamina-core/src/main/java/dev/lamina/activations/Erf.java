package dev.lamina.activations;

/**
 * The error function, for the exact GELU. Uses the Chebyshev fit of erfc from Press et al.,
 * Numerical Recipes (2nd ed., §6.2), whose relative error is below 1.2e-7 everywhere — finer than
 * float32 resolution.
 */
final class Erf {
    private Erf() {}

    /** erf(x). */
    static double erf(double x) {
        return 1.0 - erfc(x);
    }

    /** erfc(x) = 1 - erf(x). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
                + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
