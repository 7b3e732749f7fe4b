package io.quantflow.models.ml;

import io.quantflow.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned models in a directory:
 * <pre>
 * &lt;registry&gt;/&lt;name&gt;/v0001/model.json   ModelInfo as pretty JSON, for people and notebooks
 * &lt;registry&gt;/&lt;name&gt;/v0001/model.bin    the whole {@link ModelArtifact} ({@link ModelArtifact#toBytes()})
 * &lt;registry&gt;/&lt;name&gt;/v0002/...
 * </pre>
 * Versions count from 1 per name, written with at least four digits. A version directory appears whole or not at
 * all: {@link #publish} writes both files (flushed to disk) into a hidden directory {@code .v0002.<random>.tmp}
 * beside the versions and renames it into place atomically; a publish that dies leaves only a hidden directory,
 * which every reader ignores. Two concurrent publishers of one name cannot both take a version: the loser's rename
 * fails on the existing, non-empty directory and it retries with the next version.
 *
 * <p>Instances hold only the root path and are thread-safe.
 */
public final class ModelRegistry {
  private static final Pattern VERSION_DIR = Pattern.compile("v(\\d{4,9})");
  private static final Pattern NAME = ModelSpec.NAME;
  private static final String INFO_FILE = "model.json";
  private static final String MODEL_FILE = "model.bin";
  private static final int PUBLISH_ATTEMPTS = 100;

  private final Path root;

  /** A registry rooted at {@code root}; the directory is created on the first publish. */
  public ModelRegistry(Path root) {
    this.root = Checks.notNull(root, "root").toAbsolutePath().normalize();
  }

  /** The registry's root directory. */
  public Path root() {
    return root;
  }

  /**
   * Publishes an artefact as the next version of its model and returns it with that version set in its info. The
   * artefact's own version is ignored.
   *
   * @throws UncheckedIOException when the files cannot be written
   */
  public ModelArtifact publish(ModelArtifact artifact) {
    Checks.notNull(artifact, "artifact");
    String name = checkName(artifact.info().name());
    Path modelDir = root.resolve(name);
    try {
      Files.createDirectories(modelDir);
      int lost = 0; // the highest version another publisher took from us
      for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
        int version = Math.max(lost, versions(name).stream().mapToInt(Integer::intValue).max().orElse(0)) + 1;
        ModelArtifact versioned = artifact.withVersion(version);
        String dirName = versionDirName(version);
        Path tmp = modelDir.resolve("." + dirName + "." + UUID.randomUUID() + ".tmp");
        Files.createDirectory(tmp);
        try {
          writeDurably(tmp.resolve(INFO_FILE), ModelJson.write(versioned.info()).getBytes(StandardCharsets.UTF_8));
          writeDurably(tmp.resolve(MODEL_FILE), versioned.toBytes());
          Path target = modelDir.resolve(dirName);
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return versioned;
          } catch (AtomicMoveNotSupportedException e) {
            throw e;
          } catch (IOException e) {
            if (!Files.exists(target)) {
              throw e;
            }
            deleteQuietly(tmp); // another publisher took this version (EEXIST or ENOTEMPTY): try the next one
            lost = version;
          }
        } catch (AtomicMoveNotSupportedException e) {
          deleteQuietly(tmp);
          throw new UncheckedIOException("The file system of registry " + root
              + " cannot rename directories atomically", e);
        } catch (IOException | RuntimeException e) {
          deleteQuietly(tmp);
          throw e;
        }
      }
      throw new IllegalStateException("Could not publish model " + name + " in registry " + root + " after "
          + PUBLISH_ATTEMPTS + " attempts: other publishers kept taking the next version");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot publish model " + name + " in registry " + root + ": " + e, e);
    }
  }

  /** The published versions of {@code name}, ascending; empty when there are none. Hidden directories are ignored. */
  public List<Integer> versions(String name) {
    Path modelDir = root.resolve(checkName(name));
    if (!Files.isDirectory(modelDir)) {
      return List.of();
    }
    List<Integer> versions = new ArrayList<>();
    try (Stream<Path> children = Files.list(modelDir)) {
      children.forEach(child -> {
        Matcher m = VERSION_DIR.matcher(child.getFileName().toString());
        if (m.matches() && Files.isDirectory(child)) {
          versions.add(Integer.parseInt(m.group(1)));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list model " + name + " in registry " + root + ": " + e, e);
    }
    versions.sort(Comparator.naturalOrder());
    return List.copyOf(versions);
  }

  /** The names of the models with at least one version, sorted. */
  public List<String> names() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches() && !versions(n).isEmpty())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list registry " + root + ": " + e, e);
    }
  }

  /** The highest version of {@code name}. */
  public ModelArtifact latest(String name) {
    List<Integer> versions = versions(name);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException(
          "No model named " + name + " in registry " + root + "; train one with quant train");
    }
    return load(name, versions.get(versions.size() - 1));
  }

  /** Version {@code version} of {@code name}. */
  public ModelArtifact load(String name, int version) {
    Checks.positive(version, "version");
    Path dir = root.resolve(checkName(name)).resolve(versionDirName(version));
    if (!Files.isDirectory(dir)) {
      List<Integer> versions = versions(name);
      if (versions.isEmpty()) {
        throw new IllegalArgumentException(
            "No model named " + name + " in registry " + root + "; train one with quant train");
      }
      throw new IllegalArgumentException("No version " + version + " of model " + name + " in registry " + root
          + " (versions: " + versions + ")");
    }
    ModelArtifact artifact = load(dir);
    if (!artifact.info().name().equals(name) || artifact.info().version() != version) {
      throw new IllegalStateException("Registry " + root + " is inconsistent: " + dir + " holds model "
          + artifact.info().name() + " version " + artifact.info().version());
    }
    return artifact;
  }

  /**
   * Loads an artefact from a version directory (reads its {@code model.bin}) or from a {@code model.bin} file
   * itself, wherever it lies; for {@code quant} commands that take a path.
   */
  public static ModelArtifact load(Path versionDirOrModelBin) {
    Checks.notNull(versionDirOrModelBin, "versionDirOrModelBin");
    Path file = Files.isDirectory(versionDirOrModelBin)
        ? versionDirOrModelBin.resolve(MODEL_FILE) : versionDirOrModelBin;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No model artefact at " + file
          + " (expected a registry version directory or its " + MODEL_FILE + ")");
    }
    try {
      return ModelArtifact.fromBytes(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model artefact " + file + ": " + e, e);
    }
  }

  /** The directory of a version: {@code <root>/<name>/v0001}. It exists only once that version is published. */
  public Path versionDir(String name, int version) {
    Checks.positive(version, "version");
    return root.resolve(checkName(name)).resolve(versionDirName(version));
  }

  private static String versionDirName(int version) {
    return String.format("v%04d", version);
  }

  private String checkName(String name) {
    Checks.notBlank(name, "name");
    Checks.isTrue(NAME.matcher(name).matches(),
        "Argument 'name' must be letters, digits, '.', '_' or '-', starting with a letter or digit, but was '%s'",
        name);
    return name;
  }

  private static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover hidden directory is ignored by every reader
        }
      });
    } catch (IOException ignored) {
      // best effort, as above
    }
  }
}
