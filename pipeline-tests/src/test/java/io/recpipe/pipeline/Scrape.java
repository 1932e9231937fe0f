package io.recpipe.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition (/actuator/prometheus): names and labels. */
record Scrape(List<Scrape.Series> series) {

  /**
   * Labels Prometheus adds when it scrapes (its scrape configuration's relabelling), never served
   * by a service: a selector's matchers on them are not checked here.
   */
  static final Set<String> TARGET_LABELS = Set.of("job", "instance", "namespace", "pod");

  record Series(String metric, Map<String, String> labels) {}

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static Scrape parse(String text) {
    var series = new ArrayList<Series>();
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (line.startsWith("#") || !sample.matches()) {
        continue;
      }
      var labels = new LinkedHashMap<String, String>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2).replaceAll("\\\\(.)", "$1"));
        }
      }
      series.add(new Series(sample.group(1), labels));
    }
    return new Scrape(series);
  }

  static Scrape of(Collection<Scrape> scrapes) {
    return new Scrape(scrapes.stream().flatMap(s -> s.series().stream()).toList());
  }

  /**
   * Whether some sample has the selector's metric and passes its matchers (but on target labels).
   */
  boolean serves(PromQl.Selector selector) {
    return series.stream()
        .filter(s -> s.metric().equals(selector.metric()))
        .anyMatch(
            s ->
                selector.matchers().stream()
                    .filter(m -> !TARGET_LABELS.contains(m.label()))
                    .allMatch(m -> m.test(s.labels())));
  }
}
