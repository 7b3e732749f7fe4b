package io.quantflow.operators.ml;

import io.quantflow.domain.FeatureSchema;
import io.quantflow.domain.ModelUpdate;
import io.quantflow.models.ml.ModelArtifact;
import io.quantflow.models.ml.ModelInfo;

/** Reads a registry artefact ({@code model.bin}) into a {@link ScoringModel}. */
public final class ArtefactLoader implements ModelGateFunction.ModelLoader {
  private static final long serialVersionUID = 1L;

  /** The loader. */
  public static final ArtefactLoader INSTANCE = new ArtefactLoader();

  private ArtefactLoader() {}

  @Override
  public ScoringModel load(ModelUpdate update, FeatureSchema schema) {
    ModelArtifact a = ModelArtifact.fromBytes(update.artefact());
    return of(a, schema);
  }

  /** {@code artifact} bound to rows of {@code schema}. */
  public static ScoringModel of(ModelArtifact artifact, FeatureSchema schema) {
    ModelInfo info = artifact.info();
    ScoringModel.Kind kind = switch (info.task()) {
      case CLASSIFICATION -> ScoringModel.Kind.CLASSIFIER;
      case REGRESSION -> ScoringModel.Kind.REGRESSOR;
      case REGIME -> ScoringModel.Kind.REGIME;
    };
    return new ScoringModel(info.name(), info.version(), kind, artifact.predictor(), info.features(), schema,
        artifact.drift());
  }

  /** The update that carries {@code artifact} (published: its version is at least 1). */
  public static ModelUpdate update(ModelArtifact artifact) {
    return new ModelUpdate(artifact.info().name(), artifact.info().version(), artifact.toBytes());
  }
}
