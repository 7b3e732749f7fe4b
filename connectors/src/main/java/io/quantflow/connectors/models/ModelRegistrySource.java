package io.quantflow.connectors.models;

import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * The model versions of a registry folder as a Flink source: every {@code <registry>/<model>/vNNNN/model.bin},
 * whole, one record per file (the artefact's bytes). It is Flink's own {@link FileSource}, so in STREAMING mode it
 * watches the folder ({@code monitorContinuously}) and remembers in its checkpoints which files it has read; in
 * BATCH mode it reads what is there and ends.
 *
 * <p>The registry publishes a version by renaming a finished hidden folder ({@code .v0002.tmp}) into place, and this
 * source skips hidden names, so it never reads a half-written artefact. After a restart without a checkpoint it
 * reads every version again, oldest or newest first as the file system lists them: a consumer keeps the highest
 * version it has seen.
 */
public final class ModelRegistrySource {
  private ModelRegistrySource() {}

  /** The artefact file name inside a version folder. */
  public static final String ARTEFACT = "model.bin";

  /**
   * A source over {@code registry}.
   *
   * @param pollInterval how often to look for new versions; null for a bounded read of what is there now
   */
  public static FileSource<byte[]> of(java.nio.file.Path registry, Duration pollInterval) {
    FileSource.FileSourceBuilder<byte[]> b = FileSource
        .forRecordStreamFormat(new WholeFile(), new Path(registry.toAbsolutePath().toUri()))
        .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(ModelRegistrySource::visible));
    if (pollInterval != null) {
      b.monitorContinuously(pollInterval);
    }
    return b.build();
  }

  /** Folders not hidden, and artefact files. */
  static boolean visible(Path p) {
    String name = p.getName();
    if (name.startsWith(".") || name.startsWith("_")) {
      return false;
    }
    if (name.equals(ARTEFACT)) {
      return true;
    }
    try { // the enumerator asks for folders too: descend into them, skip every other file
      return p.getFileSystem().getFileStatus(p).isDir();
    } catch (IOException e) {
      return false; // vanished between listing and asking (a publish renaming its temp folder)
    }
  }

  /** A file's whole content as one record. */
  static final class WholeFile extends SimpleStreamFormat<byte[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public StreamFormat.Reader<byte[]> createReader(Configuration config, FSDataInputStream stream) {
      return new StreamFormat.Reader<>() {
        private boolean done;

        @Override
        public byte[] read() throws IOException {
          if (done) {
            return null;
          }
          done = true;
          return stream.readAllBytes();
        }

        @Override
        public void close() throws IOException {
          stream.close();
        }
      };
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
      return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
  }
}
