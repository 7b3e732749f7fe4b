package io.quantflow.domain.calendar;

/** Where an instant falls relative to the trading sessions of an exchange. */
public enum SessionPhase {
  /** Pre-market: extended session before the regular open (04:00-09:30 New York for NYSE). */
  PRE,
  /** Regular session (09:30-16:00 New York for NYSE, 09:30-13:00 on early-close days). */
  REGULAR,
  /** After-hours: extended session after the regular close (until 20:00, or 17:00 on early-close days). */
  POST,
  /** Outside every session: nights, weekends, holidays. */
  CLOSED;

  /** Whether trades in this phase count for bars built over extended hours ({@code PRE}, {@code REGULAR}, {@code POST}). */
  public boolean isExtended() {
    return this != CLOSED;
  }
}
