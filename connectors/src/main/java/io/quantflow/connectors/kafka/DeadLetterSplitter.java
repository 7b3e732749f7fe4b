package io.quantflow.connectors.kafka;

import io.quantflow.domain.Checks;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits a stream of {@link Decoded} records into the good values (main output) and the dead letters (side output
 * {@link #DEAD_LETTERS}). Use {@link #split(DataStream)}:
 *
 * <pre>{@code
 * DataStream<Decoded<Bar>> decoded = env.fromSource(QuantKafka.source(topics, topics.rawBars(), JsonCodecs.bars())
 *     .groupId("live-bars").build(), WatermarkStrategy.noWatermarks(), "bars");
 * DeadLetterSplitter.Streams<Bar> s = DeadLetterSplitter.split(decoded);
 * s.deadLetters().sinkTo(QuantKafka.deadLetterSink(topics).transactionalIdPrefix("live-bars-dlq").build());
 * s.values()...   // the pipeline
 * }</pre>
 *
 * @param <T> the domain type
 */
public final class DeadLetterSplitter<T> extends ProcessFunction<Decoded<T>, T> implements ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  /** The side output of dead letters. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private final TypeInformation<T> valueType;

  /** A splitter whose main output has type {@code valueType}. */
  public DeadLetterSplitter(TypeInformation<T> valueType) {
    this.valueType = Checks.notNull(valueType, "valueType");
  }

  @Override
  public void processElement(Decoded<T> in, Context ctx, Collector<T> out) {
    if (in.isGood()) {
      out.collect(in.value());
    } else {
      ctx.output(DEAD_LETTERS, in.deadLetter());
    }
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return valueType;
  }

  /** The two streams of a split. */
  public record Streams<T>(DataStream<T> values, DataStream<DeadLetter> deadLetters) {}

  /** Splits {@code decoded} (a stream whose type is {@link Decoded#typeInfo}) with an operator named "dead-letters". */
  @SuppressWarnings("unchecked")
  public static <T> Streams<T> split(DataStream<Decoded<T>> decoded) {
    Checks.notNull(decoded, "decoded");
    if (!(decoded.getType() instanceof PojoTypeInfo<?> pojo) || pojo.getFieldIndex("value") < 0) {
      throw new IllegalArgumentException("The stream's type " + decoded.getType() + " is not Decoded.typeInfo(..): "
          + "read it with QuantKafka.source(..) or give it that type with returns(Decoded.typeInfo(valueType))");
    }
    TypeInformation<T> valueType = (TypeInformation<T>) pojo.getTypeAt("value");
    SingleOutputStreamOperator<T> values = decoded.process(new DeadLetterSplitter<>(valueType)).name("dead-letters");
    return new Streams<>(values, values.getSideOutput(DEAD_LETTERS));
  }
}
