package io.quantflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium (Debian package {@code chromium}): takes a screenshot and dumps the rendered
 * DOM. Skipped when {@code chromium} is not on the PATH, unless {@code QUANT_REQUIRE_CHROMIUM=1}, which makes a
 * missing browser a failure. Each browser run gets a fresh profile and is killed after 60 seconds.
 */
class TearsheetBrowserTest {
  static final long TIMEOUT_SECONDS = 60;
  static final int WIDTH = 1400;
  static final int HEIGHT = 4000;
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path tmp;

  @Test
  void reportRendersInHeadlessChromiumWithoutScriptErrors() throws Exception {
    Path chromium = chromiumOrSkip();
    Path report = Path.of("target", "tearsheet", "report.html").toAbsolutePath();
    TearsheetWriter.write(SampleTearsheets.threeMonthsDaily(7), report);
    String url = report.toUri().toString();

    Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    run(chromium, "shot", "--screenshot=" + screenshot, url);
    assertThat(screenshot).exists();
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png.length).as("screenshot bytes").isGreaterThan(20_000);
    assertThat(Arrays.copyOf(png, 8)).as("PNG signature").isEqualTo(PNG_SIGNATURE);
    // the first chunk is IHDR: length (4 bytes), type "IHDR", then width and height as big-endian ints
    assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
    ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8);
    assertThat(ihdr.getInt()).as("width").isEqualTo(WIDTH);
    assertThat(ihdr.getInt()).as("height").isEqualTo(HEIGHT);

    Run dump = run(chromium, "dom", "--dump-dom", "--enable-logging=stderr", "--v=0", url);
    String dom = dump.stdout();
    // the page's inline hook marks the root element when loading finished and when any script error happened
    Matcher root = Pattern.compile("<html[^>]*>").matcher(dom);
    assertThat(root.find()).as("rendered <html> element").isTrue();
    assertThat(root.group()).contains("data-report-ready=\"1\"").doesNotContain("data-report-error");
    assertThat(dump.stderr()).doesNotContain("Uncaught").doesNotContain("CONSOLE");
    for (String id : TearsheetWriterTest.CHART_IDS) {
      Matcher svg = Pattern.compile("<svg id=\"" + id + "\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
      assertThat(svg.find()).as("rendered svg " + id).isTrue();
      String shape = id.equals("chart-monthly-returns") ? "<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[0-9.]+\""
          + " height=\"[0-9.]+\" rx=\"3\" fill=\"#" : "<path class=\"line\" d=\"M[0-9.]+ [0-9.]+L";
      assertThat(Pattern.compile(shape).matcher(svg.group(1)).find()).as("drawn shapes in " + id).isTrue();
    }
    for (String id : TearsheetWriterTest.SECTION_IDS) {
      assertThat(dom).as(id).contains("id=\"" + id + "\"");
    }
  }

  record Run(String stdout, String stderr) {}

  /** Runs chromium headless on {@code args} with a fresh profile; fails (after killing it) when it takes too long. */
  private Run run(Path chromium, String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless=new", "--no-sandbox",
        "--disable-gpu", "--window-size=" + WIDTH + "," + HEIGHT, "--hide-scrollbars", "--no-first-run",
        "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile-" + name))));
    command.addAll(List.of(args));
    Path out = tmp.resolve(name + ".out");
    Path err = tmp.resolve(name + ".err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    // chromium forks renderer and utility processes: end the ones this run started, whatever happened
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    if (!finished) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command) + "\n"
          + Files.readString(err));
    }
    String stderr = Files.readString(err);
    assertThat(p.exitValue()).as("chromium exit code; stderr:\n" + stderr).isZero();
    return new Run(Files.readString(out), stderr);
  }

  private static Path chromiumOrSkip() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    if ("1".equals(System.getenv("QUANT_REQUIRE_CHROMIUM"))) {
      fail("install chromium: apt-get install -y chromium");
    }
    Assumptions.abort("chromium is not on the PATH, so the browser test is skipped; install it with "
        + "apt-get install -y chromium, or set QUANT_REQUIRE_CHROMIUM=1 to make this a failure");
    return null;
  }
}
