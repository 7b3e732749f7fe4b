package io.quantflow.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command shares, one class each, so that a flag means the same thing on every command that
 * takes it.
 */
final class Options {
  private Options() {}

  /** {@code --data}: the input bars. */
  static final class Data {
    @Option(names = "--data", paramLabel = "PATH",
        description = "Input bars: a store folder (with bars/) or a CSV file. Default: the bundled real sample "
            + "(data/sample/store).")
    String data;
  }

  /** {@code --config}: a YAML file. */
  static final class Config {
    @Option(names = "--config", paramLabel = "FILE",
        description = "YAML configuration (see config/backtest.yaml and docs/configuration.md). Default: built-in "
            + "defaults.")
    Path config;
  }

  /** {@code --output}: the folder results go to. */
  static final class Output {
    @Option(names = "--output", paramLabel = "DIR",
        description = "Output folder. Default: a new notebooks-output/<run-id>/.")
    Path output;
  }

  /** {@code --parallelism}: how many parallel tasks or threads. */
  static final class Parallelism {
    @Option(names = "--parallelism", paramLabel = "N",
        description = "Parallel tasks (Flink parallelism, or worker threads). Default: the config's, else 2.")
    Integer parallelism;
  }

  /** {@code --seed}: the seed of every random choice. */
  static final class Seed {
    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of every random choice; the same seed gives the same output. Default: 1.")
    Long seed;
  }

  /** {@code --registry}: the model registry folder. */
  static final class Registry {
    @Option(names = "--registry", paramLabel = "DIR",
        description = "Model registry folder (<model>/v0001/model.json, model.bin). Default: the config's "
            + "model.registry, else notebooks-output/registry.")
    Path registry;

    /** The registry folder: the flag, else {@code fallback}, else the default under the QuantFlow home. */
    Path resolve(Path fallback) {
      Path p = registry != null ? registry : fallback != null ? fallback : QuantHome.registry();
      return p.toAbsolutePath().normalize();
    }
  }

  /** {@code --input} and {@code --output} of the JSON commands: a file each, or {@code -} for stdin and stdout. */
  static final class JsonIo {
    @Option(names = "--input", paramLabel = "FILE", required = true,
        description = "The request, a JSON file (examples in docs/examples/), or - for standard input.")
    String input;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "-",
        description = "Where the JSON result goes: a file, or - for standard output (the default).")
    String output;

    /** The label of the input in messages. */
    String inputName() {
      return "-".equals(input) ? "--input - (standard input)" : "--input " + input;
    }

    /** The input's text. */
    String read() throws IOException {
      if ("-".equals(input)) {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Path p = Path.of(input);
      if (!Files.isRegularFile(p)) {
        throw new UserError("--input " + input + " does not exist or is not a file; pass a JSON file (see "
            + "docs/examples/) or - for standard input");
      }
      return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** Writes {@code json} to the output; a file's path is then printed on standard output. */
    void write(String json) throws IOException {
      if ("-".equals(output)) {
        System.out.print(json);
        System.out.flush();
        return;
      }
      Path p = Path.of(output).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        throw new UserError("--output " + output + " is a folder; pass a file name, e.g. " + p.resolve("result.json")
            + ", or - for standard output");
      }
      if (p.getParent() != null) {
        Files.createDirectories(p.getParent());
      }
      Files.writeString(p, json, StandardCharsets.UTF_8);
      System.out.println("Wrote " + p);
    }
  }
}
