package io.quantflow.simulator;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * One part of the simulator (market data, historical data, trading) mounted on the shared HTTP port. The server
 * offers every REST request to each service in turn until one handles it, and lets each add its WebSocket paths.
 */
public interface SimulatorService {
  /** Adds this service's WebSocket endpoints ({@code container.addMapping(...)}); most services have none. */
  default void configureWebSockets(ServerWebSocketContainer container) {}

  /**
   * Handles a REST request if it is this service's, completing {@code callback}; returns false, touching nothing,
   * when the path is not this service's.
   */
  boolean handle(Request request, Response response, Callback callback) throws Exception;

  /** Stops background work (called once, when the simulator stops). */
  default void close() {}
}
