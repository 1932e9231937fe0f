package io.recpipe.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series selectors of a PromQL expression (metric name and label matchers), enough to check an
 * expression against what a service serves. Not a parser: label values, ranges and grouping lists
 * are blanked out, then every identifier that is not a function call or keyword is a metric name.
 */
final class PromQl {

  /** A label matcher: {@code label op "value"}, op one of = != =~ !~ (regexes anchored). */
  record LabelMatcher(String label, String op, String value) {
    boolean test(Map<String, String> labels) {
      String actual = labels.getOrDefault(label, "");
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        case "=~" -> actual.matches(value);
        case "!~" -> !actual.matches(value);
        default -> throw new IllegalArgumentException("matcher " + op);
      };
    }
  }

  /** One selector: a metric and its label matchers (none for a bare name). */
  record Selector(String metric, List<LabelMatcher> matchers) {}

  private static final String STRING = "\"(?:[^\"\\\\]|\\\\.)*\"";
  private static final Pattern BRACED =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*\\{((?:[^}\"]|" + STRING + ")*)}");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(" + STRING + ")");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?!\\w)(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "inf",
          "nan");

  private PromQl() {}

  static List<Selector> selectors(String expr) {
    var selectors = new ArrayList<Selector>();
    var rest = new StringBuilder();
    Matcher braced = BRACED.matcher(expr);
    int last = 0;
    while (braced.find()) {
      if (braced.group(1) == null) {
        throw new IllegalArgumentException("a selector without a metric name: " + expr);
      }
      selectors.add(new Selector(braced.group(1), matchers(braced.group(2))));
      rest.append(expr, last, braced.start()).append(' ');
      last = braced.end();
    }
    rest.append(expr.substring(last));
    String bare =
        GROUPING
            .matcher(rest.toString().replaceAll(STRING, " ").replaceAll("\\[[^]]*]", " "))
            .replaceAll(" ");
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      String name = identifier.group(1);
      if (identifier.group(2) == null && !KEYWORDS.contains(name.toLowerCase())) {
        selectors.add(new Selector(name, List.of()));
      }
    }
    return selectors;
  }

  private static List<LabelMatcher> matchers(String inside) {
    var matchers = new ArrayList<LabelMatcher>();
    Matcher each = MATCHER.matcher(inside);
    while (each.find()) {
      String quoted = each.group(3);
      String value = quoted.substring(1, quoted.length() - 1).replaceAll("\\\\(.)", "$1");
      matchers.add(new LabelMatcher(each.group(1), each.group(2), value));
    }
    return matchers;
  }
}
