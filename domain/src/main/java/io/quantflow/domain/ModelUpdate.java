package io.quantflow.domain;

import java.util.Arrays;

/**
 * A model version published to the registry, as it travels to running jobs (Flink broadcast state): the artefact's
 * bytes, opaque here (the {@code models} module reads them).
 *
 * @param model the model's name
 * @param version its version, 1, 2, ...; a job keeps the highest version it has seen
 * @param artefact the serialized artefact ({@code model.bin})
 */
public record ModelUpdate(String model, int version, byte[] artefact) implements java.io.Serializable {
  /** Checks the fields. */
  public ModelUpdate {
    Checks.notBlank(model, "model");
    Checks.isTrue(version >= 1, "Argument 'version' must be at least 1 but was %d", version);
    Checks.notNull(artefact, "artefact");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelUpdate u && model.equals(u.model) && version == u.version
        && Arrays.equals(artefact, u.artefact);
  }

  @Override
  public int hashCode() {
    return model.hashCode() * 31 + version;
  }

  @Override
  public String toString() {
    return "ModelUpdate[" + model + " v" + version + ", " + artefact.length + " bytes]";
  }
}
