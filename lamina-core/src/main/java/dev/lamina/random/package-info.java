/** Counter-based random numbers: each value is a pure function of (seed, stream, counter). */
package dev.lamina.random;
