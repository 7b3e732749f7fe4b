package io.quantflow.connectors.alpaca;

import java.io.Serializable;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom to reach Alpaca: keys and the three endpoints, read from the environment variables Alpaca's own
 * SDKs read, which configuration may override. Paper trading is the default; a live trading endpoint is refused
 * unless {@code live} is set (see {@link #checkTradingMode()}).
 *
 * <p>The secret never appears in {@link #toString()}, logs or exceptions.
 *
 * @param keyId API key id ({@code APCA_API_KEY_ID}), sent as the {@code APCA-API-KEY-ID} header
 * @param secretKey API secret ({@code APCA_API_SECRET_KEY}), sent as {@code APCA-API-SECRET-KEY}
 * @param tradingUrl trading REST base ({@code APCA_API_BASE_URL}; default {@value #PAPER_TRADING_URL}); the
 *     trade-updates stream is {@code <tradingUrl>/stream} with {@code http} mapped to {@code ws}
 * @param dataUrl historical market-data REST base ({@code APCA_API_DATA_URL}; default {@value #DATA_URL})
 * @param streamUrl market-data WebSocket base ({@code APCA_API_STREAM_URL}; default {@value #STREAM_URL}); the
 *     feed's path ({@code /v2/iex}) is appended
 * @param feed market-data feed: {@code iex}, {@code sip}, {@code delayed_sip} or {@code test}
 * @param live true only when the user explicitly allows trading real money
 */
public record AlpacaConfig(String keyId, String secretKey, URI tradingUrl, URI dataUrl, URI streamUrl, String feed,
    boolean live) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Alpaca's paper-trading REST base. */
  public static final String PAPER_TRADING_URL = "https://paper-api.alpaca.markets";
  /** Alpaca's live-trading REST base. */
  public static final String LIVE_TRADING_URL = "https://api.alpaca.markets";
  /** Alpaca's historical market-data REST base. */
  public static final String DATA_URL = "https://data.alpaca.markets";
  /** Alpaca's market-data WebSocket base. */
  public static final String STREAM_URL = "wss://stream.data.alpaca.markets";

  /** Checks the arguments; URLs lose a trailing slash. */
  public AlpacaConfig {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(secretKey, "secretKey");
    tradingUrl = trim(Objects.requireNonNull(tradingUrl, "tradingUrl"));
    dataUrl = trim(Objects.requireNonNull(dataUrl, "dataUrl"));
    streamUrl = trim(Objects.requireNonNull(streamUrl, "streamUrl"));
    Objects.requireNonNull(feed, "feed");
    if (!feed.matches("iex|sip|delayed_sip|test|boats|overnight")) {
      throw new IllegalArgumentException("feed must be one of iex, sip, delayed_sip, test, boats, overnight but was '"
          + feed + "'");
    }
  }

  /**
   * The configuration of {@code env} (normally {@code System.getenv()}): keys from {@code APCA_API_KEY_ID} and
   * {@code APCA_API_SECRET_KEY}, endpoints from {@code APCA_API_BASE_URL}, {@code APCA_API_DATA_URL} and
   * {@code APCA_API_STREAM_URL}, Alpaca's public endpoints where unset; feed {@code iex}; paper trading.
   *
   * @throws IllegalArgumentException when a key is missing, naming the variable to set
   */
  public static AlpacaConfig fromEnvironment(Map<String, String> env) {
    String key = env.get("APCA_API_KEY_ID");
    String secret = env.get("APCA_API_SECRET_KEY");
    if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("Alpaca keys are missing: export APCA_API_KEY_ID and APCA_API_SECRET_KEY "
          + "(paper keys from https://app.alpaca.markets, or the simulator's keys for quant alpaca-sim)");
    }
    return new AlpacaConfig(key, secret, URI.create(env.getOrDefault("APCA_API_BASE_URL", PAPER_TRADING_URL)),
        URI.create(env.getOrDefault("APCA_API_DATA_URL", DATA_URL)),
        URI.create(env.getOrDefault("APCA_API_STREAM_URL", STREAM_URL)), "iex", false);
  }

  /** All three endpoints at one simulator base ({@code http://localhost:<port>}), with the given keys. */
  public static AlpacaConfig simulator(URI base, String keyId, String secretKey) {
    URI ws = URI.create(base.toString().replaceFirst("^http", "ws"));
    return new AlpacaConfig(keyId, secretKey, base, base, ws, "iex", false);
  }

  /** This configuration with another feed. */
  public AlpacaConfig withFeed(String newFeed) {
    return new AlpacaConfig(keyId, secretKey, tradingUrl, dataUrl, streamUrl, newFeed, live);
  }

  /** This configuration with live trading allowed ({@code true}) or not. */
  public AlpacaConfig withLive(boolean allowLive) {
    return new AlpacaConfig(keyId, secretKey, tradingUrl, dataUrl, streamUrl, feed, allowLive);
  }

  /** The market-data stream URI of the feed, e.g. {@code wss://stream.data.alpaca.markets/v2/iex}. */
  public URI marketDataStreamUri() {
    String version = feed.equals("boats") || feed.equals("overnight") ? "v1beta1" : "v2";
    return URI.create(streamUrl + "/" + version + "/" + feed);
  }

  /** The trade-updates stream URI: {@code <tradingUrl>/stream} with the scheme mapped to WebSocket. */
  public URI tradeUpdatesUri() {
    return URI.create(tradingUrl.toString().replaceFirst("^http", "ws") + "/stream");
  }

  /** Whether the trading endpoint is Alpaca's live (real-money) host. */
  public boolean liveEndpoint() {
    return tradingUrl.getHost() != null && tradingUrl.getHost().equals("api.alpaca.markets");
  }

  /**
   * Refuses a live trading endpoint without the explicit flag, and the flag with a paper endpoint (a confusing
   * setup is an error, not a guess).
   *
   * @throws IllegalStateException saying which setting to change
   */
  public void checkTradingMode() {
    if (liveEndpoint() && !live) {
      throw new IllegalStateException("APCA_API_BASE_URL is the live endpoint " + tradingUrl + " but live trading is "
          + "not enabled; use " + PAPER_TRADING_URL + " for paper trading, or set 'trading.live: true' and "
          + "'trading.confirmLive: I understand this trades real money' in the config");
    }
  }

  /** The settings without the secret. */
  @Override
  public String toString() {
    return "AlpacaConfig[keyId=" + keyId + ", secretKey=***, tradingUrl=" + tradingUrl + ", dataUrl=" + dataUrl
        + ", streamUrl=" + streamUrl + ", feed=" + feed + ", live=" + live + "]";
  }

  private static URI trim(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
  }
}
