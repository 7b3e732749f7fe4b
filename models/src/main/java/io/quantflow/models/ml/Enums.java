package io.quantflow.models.ml;

import java.util.Arrays;
import java.util.Locale;

/** Lenient enum parsing shared by the spec's enums, so hand-written YAML may use lower case or dashes. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String name, String argument) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Argument '" + argument + "' must not be blank but was '" + name + "'");
    }
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalized)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("Argument '" + argument + "' must be one of "
        + Arrays.toString(type.getEnumConstants()) + " but was '" + name + "'");
  }
}
