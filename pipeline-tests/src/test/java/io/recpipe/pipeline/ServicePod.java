package io.recpipe.pipeline;

import static io.recpipe.pipeline.KubernetesManifests.at;
import static io.recpipe.pipeline.KubernetesManifests.list;
import static io.recpipe.pipeline.KubernetesManifests.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One service's StatefulSet in the manifests: its pod, its container, environment and volumes. */
record ServicePod(String service, Map<String, Object> statefulSet, KubernetesManifests manifests) {

  static ServicePod of(KubernetesManifests manifests, String service) {
    return new ServicePod(service, manifests.get("StatefulSet", "recpipe-" + service), manifests);
  }

  /** ENCODER_ or UPLOADER_. */
  String envPrefix() {
    return service.toUpperCase(Locale.ROOT) + "_";
  }

  Map<String, Object> pod() {
    return map(at(statefulSet, "spec", "template", "spec"));
  }

  Map<String, String> podLabels() {
    return stringMap(at(statefulSet, "spec", "template", "metadata", "labels"));
  }

  Map<String, Object> container() {
    List<Object> containers = list(pod().get("containers"));
    if (containers.size() != 1) {
      throw new AssertionError(service + ": one container expected, found " + containers.size());
    }
    return map(containers.get(0));
  }

  /** The container's env entries by name (value or valueFrom). */
  Map<String, Map<String, Object>> envEntries() {
    var entries = new LinkedHashMap<String, Map<String, Object>>();
    list(container().get("env")).forEach(e -> entries.put((String) map(e).get("name"), map(e)));
    return entries;
  }

  /**
   * Every environment variable the container gets: from its ConfigMaps (envFrom), then its own env
   * (which wins); a valueFrom is shown as {@code <valueFrom>}.
   */
  Map<String, String> environment() {
    var environment = new LinkedHashMap<String, String>();
    for (Object source : list(container().get("envFrom"))) {
      String name = (String) at(source, "configMapRef", "name");
      if (name == null) {
        throw new AssertionError(service + ": envFrom other than a ConfigMap: " + source);
      }
      environment.putAll(stringMap(manifests.get("ConfigMap", name).get("data")));
    }
    envEntries()
        .forEach(
            (name, entry) ->
                environment.put(
                    name,
                    entry.containsKey("value") ? entry.get("value").toString() : "<valueFrom>"));
    return environment;
  }

  /** Mount path to volume name. */
  Map<String, String> mounts() {
    var mounts = new LinkedHashMap<String, String>();
    list(container().get("volumeMounts"))
        .forEach(m -> mounts.put((String) map(m).get("mountPath"), (String) map(m).get("name")));
    return mounts;
  }

  Optional<Map<String, Object>> volume(String name) {
    return list(pod().get("volumes")).stream()
        .map(KubernetesManifests::map)
        .filter(v -> name.equals(v.get("name")))
        .findFirst();
  }

  Optional<Map<String, Object>> volumeClaimTemplate(String name) {
    return list(at(statefulSet, "spec", "volumeClaimTemplates")).stream()
        .map(KubernetesManifests::map)
        .filter(t -> name.equals(at(t, "metadata", "name")))
        .findFirst();
  }

  /** The mount holding {@code path} (the longest mount path it is under). */
  Optional<String> mountOf(String path) {
    return mounts().keySet().stream()
        .filter(m -> path.equals(m) || path.startsWith(m.endsWith("/") ? m : m + "/"))
        .max((a, b) -> Integer.compare(a.length(), b.length()));
  }

  static Map<String, String> stringMap(Object value) {
    var strings = new LinkedHashMap<String, String>();
    map(value).forEach((k, v) -> strings.put(k, v == null ? "" : v.toString()));
    return strings;
  }
}
