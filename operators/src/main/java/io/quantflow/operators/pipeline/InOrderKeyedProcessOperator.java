package io.quantflow.operators.pipeline;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OperatorAttributes;
import org.apache.flink.streaming.api.operators.OperatorAttributesBuilder;

/**
 * A {@link KeyedProcessOperator} for input that already arrives in the order the function needs: each key's records
 * in event-time order, from a source partitioned the way {@code keyBy} would partition it
 * ({@code SymbolSource}). It declares that it orders its own input, so in {@code RuntimeExecutionMode.BATCH} Flink
 * neither sorts its input nor cuts the operator chain in front of it: the source and the keyed function run in one
 * task and records cross no serializer. In STREAMING mode it is an ordinary {@code KeyedProcessOperator}.
 *
 * <p>Only for inputs with that guarantee: with a {@code keyBy} in front, BATCH mode needs Flink's sort.
 *
 * @param <K> the key type
 * @param <I> the input type
 * @param <O> the output type
 */
public final class InOrderKeyedProcessOperator<K, I, O> extends KeyedProcessOperator<K, I, O> {
  private static final long serialVersionUID = 1L;

  /** The operator around {@code function}. */
  public InOrderKeyedProcessOperator(KeyedProcessFunction<K, I, O> function) {
    super(function);
  }

  @Override
  public OperatorAttributes getOperatorAttributes() {
    return new OperatorAttributesBuilder().setInternalSorterSupported(true).build();
  }
}
