/**
 * Dense linear algebra on {@code double[][]} shared by the portfolio and risk kernels: {@link
 * io.quantflow.models.linalg.Cholesky} (the one Cholesky factorisation, solve and definiteness test) and {@link
 * io.quantflow.models.linalg.Linalg} (products, LU solves and eigenvalues).
 */
package io.quantflow.models.linalg;
