package io.quantflow.connectors.alpaca.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantflow.domain.Bar;
import io.quantflow.domain.MarketEvent;
import io.quantflow.domain.Timeframe;
import io.quantflow.domain.Trade;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class AlpacaRecordTest {
  private static final long T0 = 1_614_021_300_000_000L; // 2021-02-22T19:15:00Z

  @Test
  void timestampsFollowTheOperatorsConvention() {
    Bar b = new Bar("SPY", Timeframe.M1, T0, 1, 2, 1, 2, 10, 1, 1.5);
    assertThat(AlpacaRecord.bar(b).timestampMillis()).isEqualTo(T0 / 1000 + 60_000 - 1);
    assertThat(AlpacaRecord.updatedBar(b).timestampMillis()).isEqualTo(T0 / 1000 + 59_999);
    MarketEvent t = MarketEvent.trade(new Trade("AAPL", 1614009104208123L, 126.55, 1, "D", 96921, "@,I"),
        1614009104300000L);
    assertThat(AlpacaRecord.event(t).timestampMillis()).isEqualTo(1614009104208L);
    assertThat(AlpacaRecord.deadLetter(new DeadLetter("bad", "[{", 1614009104300999L)).timestampMillis())
        .isEqualTo(1614009104300L);
  }

  @Test
  void exactlyThePayloadOfTheKindIsSet() {
    assertThatThrownBy(() -> new AlpacaRecord(AlpacaRecord.Kind.BAR, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("An AlpacaRecord of kind BAR must carry exactly its payload");
  }

  @Test
  void flinkSerializesTheEnvelopeAsAPojo() {
    assertThat(TypeInformation.of(AlpacaRecord.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
  }
}
