package io.quantflow.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The simulator's HTTP server: one port, Alpaca's paths, the {@link SimulatorService}s mounted on it. Services are
 * added before {@link #start()}; REST requests go to the first service that takes them, anything else gets
 * Alpaca's 404 body.
 *
 * <pre>{@code
 * try (AlpacaSimulator sim = new AlpacaSimulator(config)) {
 *   sim.addService(new MarketDataService(...));
 *   sim.start();
 *   URI base = sim.baseUri();   // http://localhost:<port>
 * }
 * }</pre>
 */
public final class AlpacaSimulator implements AutoCloseable {
  private final SimulatorConfig config;
  private final List<SimulatorService> services = new CopyOnWriteArrayList<>();
  private Server server;
  private ServerConnector connector;

  /** A simulator with {@code config}, not yet started. */
  public AlpacaSimulator(SimulatorConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  /** The settings. */
  public SimulatorConfig config() {
    return config;
  }

  /** Mounts {@code service}; only before {@link #start()}. */
  public AlpacaSimulator addService(SimulatorService service) {
    if (server != null) {
      throw new IllegalStateException("Add services before start()");
    }
    services.add(java.util.Objects.requireNonNull(service, "service"));
    return this;
  }

  /** Starts listening; returns this. */
  public AlpacaSimulator start() throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("localhost");
    connector.setPort(config.port());
    server.addConnector(connector);
    ContextHandler context = new ContextHandler("/");
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container -> {
      for (SimulatorService s : services) {
        s.configureWebSockets(container);
      }
    });
    ws.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        for (SimulatorService s : services) {
          if (s.handle(request, response, callback)) {
            return true;
          }
        }
        Http.error(response, callback, 404, 40410000L, "endpoint not found: " + Http.path(request));
        return true;
      }
    });
    context.setHandler(ws);
    server.setHandler(context);
    server.start();
    return this;
  }

  /** The port listened on (the chosen one when the config says 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://localhost:<port>}: the base of the trading and historical APIs. */
  public java.net.URI baseUri() {
    return java.net.URI.create("http://localhost:" + port());
  }

  /** {@code ws://localhost:<port>}: the base of the market-data stream ({@code /v2/<feed>}). */
  public java.net.URI streamUri() {
    return java.net.URI.create("ws://localhost:" + port());
  }

  @Override
  public void close() throws Exception {
    for (SimulatorService s : services) {
      s.close();
    }
    if (server != null) {
      server.stop();
    }
  }
}
