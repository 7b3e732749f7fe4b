package io.quantflow.models.execution;

import io.quantflow.domain.Order;
import java.io.Serializable;
import java.util.List;

/**
 * Slices a parent order into child orders, one per bar of a horizon. Child {@code k} (counting from 1) has the id
 * {@code <parent id>-k}, the parent's id as {@code parentId}, the parent's type, prices, time in force and decision
 * time, and is submitted at the start of its bar, so with zero latency it fills in that bar. Quantities are whole
 * shares of the parent's sign and sum exactly to the parent's quantity; slices that round to zero shares are left
 * out.
 */
public interface ExecutionSchedule extends Serializable {
  /**
   * The child orders of {@code parent}, in submission order.
   *
   * @param parent a parent order (empty {@code parentId}) of whole shares
   */
  List<Order> slice(Order parent);
}
