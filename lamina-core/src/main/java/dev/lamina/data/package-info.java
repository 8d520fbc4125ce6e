/** Data: CSV reading, datasets, scalers and splits. */
package dev.lamina.data;
