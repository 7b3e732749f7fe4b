package io.quantflow.models.execution;

import static io.quantflow.models.execution.TestBars.SYMBOL;
import static io.quantflow.models.execution.TestBars.micros;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantflow.domain.Order;
import io.quantflow.domain.Order.TimeInForce;
import io.quantflow.domain.calendar.ExchangeCalendar;
import org.junit.jupiter.api.Test;

/** DAY expiry against the NYSE calendar; New York is UTC-5 until 2024-03-10 and after 2024-11-03, else UTC-4. */
class TimeInForceTest {
  private static final ExchangeCalendar NYSE = ExchangeCalendar.nyse();

  private static Order day(String submitted) {
    long t = micros(submitted);
    return Order.market("o1", SYMBOL, 100, TimeInForce.DAY, t, t);
  }

  @Test
  void aDayOrderExpiresAtTheCloseOfItsSession() {
    // submitted 15:00 New York, expires 16:00 New York = 21:00Z
    Order order = day("2024-03-04T20:00:00Z");
    assertThat(FillModel.expiresAtMicros(order, NYSE)).isEqualTo(micros("2024-03-04T21:00:00Z"));
    assertThat(FillModel.isExpired(order, micros("2024-03-04T20:59:00Z"), NYSE)).isFalse();
    assertThat(FillModel.isExpired(order, micros("2024-03-04T21:00:00Z"), NYSE)).isTrue();
  }

  @Test
  void aDayOrderSubmittedAfterTheCloseWorksInTheNextSession() {
    // submitted at the 16:00 close: Tuesday's session
    assertThat(FillModel.expiresAtMicros(day("2024-03-04T21:00:00Z"), NYSE))
        .isEqualTo(micros("2024-03-05T21:00:00Z"));
    // Friday evening: Monday 2024-03-11, after the switch to daylight time, closes 16:00 EDT = 20:00Z
    assertThat(FillModel.expiresAtMicros(day("2024-03-08T21:30:00Z"), NYSE))
        .isEqualTo(micros("2024-03-11T20:00:00Z"));
    // Thanksgiving 2024-11-28 is closed; the next day closes early at 13:00 EST = 18:00Z
    assertThat(FillModel.expiresAtMicros(day("2024-11-28T15:00:00Z"), NYSE))
        .isEqualTo(micros("2024-11-29T18:00:00Z"));
  }

  @Test
  void aDayOrderFromADailyBarFillsInTheNextDailyBarOnly() {
    // the 2024-03-04 daily bar ends at 2024-03-05T00:00Z (19:00 New York): the order is for 2024-03-05
    Order order = day("2024-03-05T00:00:00Z");
    assertThat(FillModel.isExpired(order, micros("2024-03-05T00:00:00Z"), NYSE)).isFalse();
    assertThat(FillModel.isExpired(order, micros("2024-03-06T00:00:00Z"), NYSE)).isTrue();
  }

  @Test
  void gtcAndIocOrdersDoNotExpireByTime() {
    long t = micros("2024-03-04T20:00:00Z");
    assertThat(FillModel.expiresAtMicros(Order.market("o1", SYMBOL, 1, TimeInForce.GTC, t, t), NYSE))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(FillModel.expiresAtMicros(Order.market("o1", SYMBOL, 1, TimeInForce.IOC, t, t), NYSE))
        .isEqualTo(Long.MAX_VALUE);
  }
}
