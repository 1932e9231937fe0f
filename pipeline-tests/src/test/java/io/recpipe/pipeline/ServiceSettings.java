package io.recpipe.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service accepts as settings, read from its built jar: the names in the configuration
 * metadata of its own classes and of every library inside (Spring Boot's included), and its
 * application.yml with every key flattened ({@code management.server.port}).
 */
final class ServiceSettings {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CONFIGTREE =
      Pattern.compile("configtree:(?:\\$\\{([^:}]+)(?::([^}]*))?}|([^,]+?))/?(?:,|$)");

  private final Set<String> names = new HashSet<>();
  private final Set<String> mapPrefixes = new HashSet<>();
  private final Map<String, Object> applicationYml = new LinkedHashMap<>();

  private static final Map<String, ServiceSettings> BUILT = new HashMap<>();

  private ServiceSettings() {}

  /** The settings of a service's jar as the build made it ({@code recpipe.jar.<service>}). */
  static synchronized ServiceSettings ofService(String service) throws IOException {
    ServiceSettings known = BUILT.get(service);
    if (known == null) {
      String jar = System.getProperty("recpipe.jar." + service, "missing-" + service + ".jar");
      known = of(Path.of(jar));
      BUILT.put(service, known);
    }
    return known;
  }

  static ServiceSettings of(Path jar) throws IOException {
    var settings = new ServiceSettings();
    try (JarFile outer = new JarFile(jar.toFile())) {
      for (ZipEntry entry : outer.stream().toList()) {
        String name = entry.getName();
        // The service's own metadata: at the jar's root since Boot 4, in BOOT-INF/classes before.
        if (name.equals(METADATA) || name.equals("BOOT-INF/classes/" + METADATA)) {
          settings.addMetadata(outer.getInputStream(entry).readAllBytes());
        } else if (name.equals("BOOT-INF/classes/application.yml")) {
          try (InputStream in = outer.getInputStream(entry)) {
            flatten("", new Yaml().load(in), settings.applicationYml);
          }
        } else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
          settings.addLibrary(outer.getInputStream(entry));
        }
      }
    }
    if (settings.applicationYml.isEmpty() || settings.names.isEmpty()) {
      throw new IllegalStateException("no application.yml or no settings metadata in " + jar);
    }
    return settings;
  }

  private void addLibrary(InputStream jar) throws IOException {
    try (ZipInputStream library = new ZipInputStream(jar)) {
      for (ZipEntry entry; (entry = library.getNextEntry()) != null; ) {
        if (entry.getName().equals(METADATA)) {
          addMetadata(library.readAllBytes());
        }
      }
    }
  }

  private void addMetadata(byte[] json) throws IOException {
    for (JsonNode property : JSON.readTree(new ByteArrayInputStream(json)).path("properties")) {
      String name = property.path("name").asString();
      names.add(name);
      if (property.path("type").asString().startsWith("java.util.Map<")) {
        mapPrefixes.add(name + ".");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Object value, Map<String, Object> into) {
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map)
          .forEach(
              (key, child) -> flatten(prefix.isEmpty() ? key : prefix + "." + key, child, into));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), into);
      }
    } else {
      into.put(prefix, value);
    }
  }

  /** Whether {@code name} is a setting (or a key under a map-valued one). */
  boolean isSetting(String name) {
    return names.contains(name) || mapPrefixes.stream().anyMatch(name::startsWith);
  }

  /**
   * The setting an environment variable sets (Spring's relaxed binding: {@code ENCODER_INSTANCE_ID}
   * is {@code encoder.instance-id}, dashes dropped or written as underscores).
   */
  Optional<String> settingOfEnvironmentVariable(String variable) {
    Map<String, String> forms = new HashMap<>();
    for (String name : names) {
      forms.put(envForm(name, ""), name);
      forms.put(envForm(name, "_"), name);
    }
    String exact = forms.get(variable);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (String prefix : mapPrefixes) {
      for (String form : List.of(envForm(prefix, ""), envForm(prefix, "_"))) {
        if (variable.startsWith(form) && variable.length() > form.length()) {
          return Optional.of(prefix + variable.substring(form.length()).toLowerCase(Locale.ROOT));
        }
      }
    }
    return Optional.empty();
  }

  private static String envForm(String name, String dash) {
    return name.replace(".", "_").replace("-", dash).toUpperCase(Locale.ROOT);
  }

  /** A value of the jar's application.yml, by its flattened key. */
  Optional<Object> applicationYml(String key) {
    return Optional.ofNullable(applicationYml.get(key));
  }

  /**
   * The folder the service reads secrets from (its configtree import), its placeholder resolved
   * with {@code env} or its default; null without one.
   */
  String configTree(Map<String, String> env) {
    for (var entry : applicationYml.entrySet()) {
      Matcher tree = CONFIGTREE.matcher(String.valueOf(entry.getValue()));
      if (!entry.getKey().startsWith("spring.config.import") || !tree.find()) {
        continue;
      }
      if (tree.group(3) != null) {
        return tree.group(3);
      }
      String placeholder = tree.group(1);
      return env.getOrDefault(
          envForm(placeholder, ""), env.getOrDefault(envForm(placeholder, "_"), tree.group(2)));
    }
    return null;
  }
}
