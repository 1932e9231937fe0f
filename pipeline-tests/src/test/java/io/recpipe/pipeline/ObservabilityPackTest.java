package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recpipe.pipeline.PromQl.LabelMatcher;
import io.recpipe.pipeline.PromQl.Selector;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The observability pack's files are well formed and cover what the issue asks for; that every
 * metric they use is served is {@link ObservabilityPackIT}'s job.
 */
class ObservabilityPackTest {

  @Test
  void selectorsAreMetricsWithTheirMatchersNeitherFunctionsNorLabelsNorRanges() {
    List<Selector> selectors =
        PromQl.selectors(
            "sum by (namespace, job) (rate(a_total{store=~\"s3|file\", kind!=\"x\"}[30m]))"
                + " / on (job) group_left (state) (b_seconds_count or c_max * 0)"
                + " and max without (pod) (d{namespace=~\"$namespace\"}[$__rate_interval]) > 1e3"
                + " and e{l=\"say \\\"}\\\"\"} offset 5m");

    assertThat(selectors)
        .containsExactlyInAnyOrder(
            new Selector(
                "a_total",
                List.of(
                    new LabelMatcher("store", "=~", "s3|file"),
                    new LabelMatcher("kind", "!=", "x"))),
            new Selector("d", List.of(new LabelMatcher("namespace", "=~", "$namespace"))),
            new Selector("e", List.of(new LabelMatcher("l", "=", "say \"}\""))),
            new Selector("b_seconds_count", List.of()),
            new Selector("c_max", List.of()));
  }

  @Test
  void matchersAreAnchoredAndTargetLabelsAreLeftToPrometheus() {
    Scrape scrape =
        Scrape.parse(
            "# TYPE recpipe_health gauge\n"
                + "recpipe_health{component=\"stores/s3\"} 1.0\n"
                + "recpipe_health{component=\"directories\"} 0.0\n");
    assertThat(scrape.serves(PromQl.selectors("recpipe_health{component=~\"stores/.+\"}").get(0)))
        .isTrue();
    assertThat(scrape.serves(PromQl.selectors("recpipe_health{component=~\"stores\"}").get(0)))
        .isFalse();
    assertThat(
            scrape.serves(
                PromQl.selectors("recpipe_health{component=\"directories\",job=\"x\"}").get(0)))
        .isTrue();
    assertThat(scrape.serves(PromQl.selectors("recpipe_other").get(0))).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyRuleSaysHowLongHowBadAndWhatToDo() throws IOException {
    var names = new ArrayList<String>();
    for (Map<String, Object> group : ObservabilityPack.ruleGroups()) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        String name = (String) rule.get("alert");
        names.add(name);
        assertThat(rule.get("for")).as("for: of %s", name).isNotNull();
        assertThat((Map<String, Object>) rule.get("labels"))
            .as("labels of %s", name)
            .containsKey("severity");
        assertThat(((Map<String, Object>) rule.get("labels")).get("severity"))
            .isIn("warning", "critical");
        assertThat((Map<String, Object>) rule.get("annotations"))
            .as("annotations of %s", name)
            .containsKeys("summary", "description");
      }
    }
    assertThat(names).doesNotHaveDuplicates();
    // What the issue asks for: the oldest waiting job, the failure rate, EmpowerID's circuit open,
    // a store DOWN and the disk; and the jobs waiting by reason.
    assertThat(names)
        .contains(
            "RecpipeEncoderOldestJobWaiting",
            "RecpipeUploaderOldestJobWaiting",
            "RecpipeEncoderFailureRate",
            "RecpipeUploaderFailureRate",
            "RecpipeEmpowerIdCircuitOpen",
            "RecpipeStoreDown",
            "RecpipeDiskBelowMinimum",
            "RecpipeDiskFillingUp",
            "RecpipeEncoderJobsWaiting",
            "RecpipeUploaderJobsWaiting");
  }

  @Test
  void dashboardPanelsQueryTheChosenPrometheusAndFitTheGrid() throws IOException {
    JsonNode dashboard = ObservabilityPack.dashboard();
    assertThat(dashboard.path("uid").asString()).isEqualTo("recpipe");
    var ids = new HashSet<Integer>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asString();
      assertThat(ids.add(panel.path("id").asInt())).as("id of %s unique", title).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
      if (panel.path("type").asString().equals("row")) {
        continue;
      }
      assertThat(panel.path("targets").isEmpty()).as("queries of %s", title).isFalse();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asString())
            .as("datasource of %s", title)
            .isEqualTo("${datasource}");
      }
    }
    assertThat(ObservabilityPack.expressions()).hasSizeGreaterThan(20);
  }

  /** promtool's unit tests of the rules (alerts.test.yml), where promtool is installed. */
  @Test
  void alertRulesFireAsTheirUnitTestsSay() throws Exception {
    Path promtool = onPath("promtool");
    assumeTrue(promtool != null, "promtool is not on PATH (Debian: apt-get install prometheus)");
    Process process =
        new ProcessBuilder(promtool.toString(), "test", "rules", "prometheus/alerts.test.yml")
            .directory(ObservabilityPack.DEPLOY.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
  }

  private static Path onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }
}
