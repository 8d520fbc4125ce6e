/** Small helpers shared by all packages: argument checks, error messages and warnings. */
package dev.lamina.util;
