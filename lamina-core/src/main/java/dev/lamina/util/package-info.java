/** Small helpers shared by all packages: argument checks and error messages. */
package dev.lamina.util;
