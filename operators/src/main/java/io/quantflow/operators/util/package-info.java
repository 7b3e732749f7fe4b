/** Small array helpers shared by the kernels. */
package io.quantflow.operators.util;
