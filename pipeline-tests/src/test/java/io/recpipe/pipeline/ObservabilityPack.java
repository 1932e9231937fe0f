package io.recpipe.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The observability pack under {@code deploy/}: the Prometheus alert rules and the Grafana
 * dashboard, and every PromQL expression in them, each named by where it is.
 */
final class ObservabilityPack {

  static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  static final Path ALERTS = DEPLOY.resolve("prometheus/alerts.yml");
  static final Path DASHBOARD = DEPLOY.resolve("grafana/recpipe.json");

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,]+),");

  private ObservabilityPack() {}

  /** The rule groups of alerts.yml. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> ruleGroups() throws IOException {
    try (Reader in = Files.newBufferedReader(ALERTS)) {
      Map<String, Object> rules = new Yaml().load(in);
      return (List<Map<String, Object>>) rules.get("groups");
    }
  }

  static JsonNode dashboard() throws IOException {
    return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
  }

  /** Every expression: "alerts.yml: RULE" and "recpipe.json: PANEL (REF)" to its PromQL. */
  @SuppressWarnings("unchecked")
  static Map<String, String> expressions() throws IOException {
    var expressions = new LinkedHashMap<String, String>();
    for (Map<String, Object> group : ruleGroups()) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.put("alerts.yml: " + rule.get("alert"), (String) rule.get("expr"));
      }
    }
    JsonNode dashboard = dashboard();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String where =
            panel.path("title").asString() + " (" + target.path("refId").asString() + ")";
        expressions.put("recpipe.json: " + where, target.path("expr").asString());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asString().equals("query")) {
        Matcher values = LABEL_VALUES.matcher(variable.path("definition").asString());
        if (!values.find()) {
          throw new IllegalStateException("variable query not label_values(metric, label)");
        }
        expressions.put(
            "recpipe.json: variable " + variable.path("name").asString(), values.group(1).strip());
      }
    }
    return expressions;
  }
}
