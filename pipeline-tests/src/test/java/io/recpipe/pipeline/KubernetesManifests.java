package io.recpipe.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests under deploy/k8s: every document of the files kustomization.yaml lists,
 * and of secrets.example.yaml (applied by hand, not by kustomize).
 */
final class KubernetesManifests {

  static final Path DIR = ObservabilityPack.DEPLOY.resolve("k8s");
  static final String SECRETS = "secrets.example.yaml";

  private final List<Map<String, Object>> documents = new ArrayList<>();

  static KubernetesManifests load() throws IOException {
    var manifests = new KubernetesManifests();
    var files = new ArrayList<String>();
    for (Object resource : list(kustomization().get("resources"))) {
      files.add((String) resource);
    }
    files.add(SECRETS);
    for (String file : files) {
      try (Reader in = Files.newBufferedReader(DIR.resolve(file))) {
        for (Object document : new Yaml().loadAll(in)) {
          if (document != null) {
            manifests.documents.add(map(document));
          }
        }
      }
    }
    return manifests;
  }

  static Map<String, Object> kustomization() throws IOException {
    try (Reader in = Files.newBufferedReader(DIR.resolve("kustomization.yaml"))) {
      return map(new Yaml().load(in));
    }
  }

  List<Map<String, Object>> ofKind(String kind) {
    return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  Optional<Map<String, Object>> find(String kind, String name) {
    return ofKind(kind).stream().filter(d -> name.equals(at(d, "metadata", "name"))).findFirst();
  }

  Map<String, Object> get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  /** The value at {@code path} of nested maps, or null. */
  static Object at(Object root, String... path) {
    Object value = root;
    for (String key : path) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(key);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }
}
