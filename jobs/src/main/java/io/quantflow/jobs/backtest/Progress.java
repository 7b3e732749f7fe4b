package io.quantflow.jobs.backtest;

/** Receives progress lines from long-running jobs; the CLI prints them, tests ignore them. */
@FunctionalInterface
public interface Progress {
  /** Ignores progress. */
  Progress NONE = line -> {};

  /** Prints progress to standard error. */
  Progress STDERR = line -> System.err.println(line);

  /** Reports one line of progress. */
  void report(String line);
}
