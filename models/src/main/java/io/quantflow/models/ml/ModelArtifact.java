package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import io.quantflow.models.ml.drift.DriftReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A trained model with its metadata, as one byte array (the registry's {@code model.bin}).
 *
 * <p>Byte layout, big-endian: the 8 ASCII bytes {@code QFMODEL1}; a 4-byte length and that many bytes of the
 * {@link ModelInfo} as UTF-8 JSON; a 4-byte length and that many bytes of the {@link Predictor} in Java
 * serialization; optionally, a 4-byte length and that many bytes of the {@link DriftReference} in Java serialization
 * (the training window's distributions, so that the model's drift checks travel with it). Java serialization because Smile's models are {@link java.io.Serializable} and Smile 3.x has no
 * portable format for them (PMML and ONNX export exist for neither its trees nor its mixtures); the JSON copy of the
 * info keeps the metadata readable without deserializing any class. Reading applies an {@link ObjectInputFilter}
 * that admits only QuantFlow, Smile and core JDK value classes, so a tampered file cannot instantiate arbitrary
 * classes; still, only load artefacts from a registry you trust. Java serialization ties an artefact to compatible
 * versions of Smile and of the predictor classes: retrain after upgrading either.
 *
 * <p>This record is immutable and thread-safe as long as its predictor is.
 *
 * @param info the model's metadata
 * @param predictor the trained model
 * @param drift the training window's reference for drift checks, or null (an artefact written without one)
 */
public record ModelArtifact(ModelInfo info, Predictor predictor, DriftReference drift) {
  private static final byte[] MAGIC = "QFMODEL1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
      "io.quantflow.**;smile.**;java.lang.*;java.util.*;java.math.*;java.time.*;!*");

  /** Checks the arguments. */
  public ModelArtifact {
    Checks.notNull(info, "info");
    Checks.notNull(predictor, "predictor");
  }

  /** An artefact without a drift reference. */
  public ModelArtifact(ModelInfo info, Predictor predictor) {
    this(info, predictor, null);
  }

  /** This artefact with the info's version replaced. */
  public ModelArtifact withVersion(int version) {
    return new ModelArtifact(info.withVersion(version), predictor, drift);
  }

  /** The artefact as bytes (layout in the class documentation). */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream model = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(model)) {
        out.writeObject(predictor);
      }
      byte[] json = ModelJson.write(info).getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(MAGIC.length + 8 + json.length + model.size());
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(MAGIC);
      out.writeInt(json.length);
      out.write(json);
      out.writeInt(model.size());
      model.writeTo(out);
      if (drift != null) {
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(ref)) {
          o.writeObject(drift);
        }
        out.writeInt(ref.size());
        ref.writeTo(out);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize the predictor of model " + info.name() + " ("
          + predictor.getClass().getName() + "): " + e.getMessage(), e);
    }
  }

  /**
   * Reads an artefact written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException when the bytes are not an artefact, are truncated, or hold a class the filter
   *     rejects or that no longer matches its serialized form
   */
  public static ModelArtifact fromBytes(byte[] bytes) {
    Checks.notNull(bytes, "bytes");
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("Argument 'bytes' is not a QuantFlow model artefact (no QFMODEL1 header)");
      }
      byte[] json = new byte[checkedLength(in.readInt(), bytes.length, "info")];
      in.readFully(json);
      ModelInfo info = ModelJson.readInfo(new String(json, StandardCharsets.UTF_8));
      byte[] model = new byte[checkedLength(in.readInt(), bytes.length, "predictor")];
      in.readFully(model);
      byte[] ref = null;
      if (in.available() > 0) {
        ref = new byte[checkedLength(in.readInt(), bytes.length, "drift reference")];
        in.readFully(ref);
        if (in.read() != -1) {
          throw new IllegalArgumentException("Argument 'bytes' has trailing data after the drift reference");
        }
      }
      Object predictor = readObject(model);
      Object drift = ref == null ? null : readObject(ref);
      if (drift != null && !(drift instanceof DriftReference)) {
        throw new IllegalArgumentException("Argument 'bytes' holds a " + drift.getClass().getName()
            + " where the drift reference belongs");
      }
      if (!(predictor instanceof Predictor p)) {
        throw new IllegalArgumentException("Argument 'bytes' holds a " + predictor.getClass().getName()
            + ", not a Predictor");
      }
      return new ModelArtifact(info, p, (DriftReference) drift);
    } catch (EOFException e) {
      throw new IllegalArgumentException("Argument 'bytes' is a truncated model artefact (" + bytes.length
          + " bytes)", e);
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException("Argument 'bytes' holds a predictor that cannot be read with the classes"
          + " on this classpath (rejected by the filter, or written by another version; retrain): "
          + e.getMessage(), e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("Argument 'bytes' holds an unreadable predictor: " + e, e);
    }
  }

  private static Object readObject(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(FILTER);
      return objects.readObject();
    }
  }

  private static int checkedLength(int length, int total, String part) {
    if (length < 0 || length > total) {
      throw new IllegalArgumentException("Argument 'bytes' has an invalid " + part + " length " + length);
    }
    return length;
  }
}
