package io.quantflow.simulator.trading;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refusal the REST layer turns into Alpaca's error body {@code {"code":..,"message":..}} plus optional extra
 * fields (e.g. {@code buying_power} and {@code cost_basis} on 40310000).
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final long code;
  final transient ObjectNode extra;

  ApiError(int status, long code, String message) {
    this(status, code, message, null);
  }

  ApiError(int status, long code, String message, ObjectNode extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  static ApiError validation(String message) {
    return new ApiError(422, 40010000L, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, 40410000L, message);
  }

  static ApiError unprocessable(String message) {
    return new ApiError(422, 42210000L, message);
  }
}
