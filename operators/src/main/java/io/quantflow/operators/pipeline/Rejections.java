package io.quantflow.operators.pipeline;

import io.quantflow.domain.RejectedEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends refused input to, with the reason: nothing is dropped silently. */
public final class Rejections {
  private Rejections() {}

  /** Refused input of any stage; {@link RejectedEvent#stage()} names the operator. */
  public static final OutputTag<RejectedEvent> TAG =
      new OutputTag<>("rejected", TypeInformation.of(RejectedEvent.class));
}
