package io.recpipe.pipeline;

import static io.recpipe.pipeline.KubernetesManifests.at;
import static io.recpipe.pipeline.KubernetesManifests.list;
import static io.recpipe.pipeline.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * The Kubernetes manifests under deploy/k8s against the services as built: ports and probes are the
 * management port and health groups of each service's application.yml, every environment variable
 * and every secret file name is a setting the service has (its jar's configuration metadata, Spring
 * Boot's included), each replica's name is its instance id, the folders the services share are
 * shared volumes, and the memory limit leaves the JVM and its children room. An integration test
 * because it reads the packaged jars.
 */
class KubernetesManifestsIT {

  private static final Map<String, ServiceSettings> settings = new LinkedHashMap<>();
  private static KubernetesManifests manifests;

  @BeforeAll
  static void load() throws IOException {
    manifests = KubernetesManifests.load();
    for (String service : List.of("encoder", "uploader")) {
      settings.put(service, ServiceSettings.ofService(service));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder", "uploader"})
  void eachReplicaIsAStatefulSetPodWhoseNameIsItsInstanceId(String service) {
    ServicePod pod = ServicePod.of(manifests, service);
    Map<String, Object> idFrom = map(pod.envEntries().get(pod.envPrefix() + "INSTANCE_ID"));
    assertThat(at(idFrom, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
    assertThat(settings.get(service).settingOfEnvironmentVariable(pod.envPrefix() + "INSTANCE_ID"))
        .contains(service + ".instance-id");

    Map<String, String> selector =
        ServicePod.stringMap(at(pod.statefulSet(), "spec", "selector", "matchLabels"));
    assertThat(pod.podLabels()).containsAllEntriesOf(selector);
    Map<String, Object> headless =
        manifests.get("Service", (String) at(pod.statefulSet(), "spec", "serviceName"));
    assertThat(at(headless, "spec", "clusterIP")).isEqualTo("None");
    assertThat(pod.podLabels())
        .containsAllEntriesOf(ServicePod.stringMap(at(headless, "spec", "selector")));
    Map<String, Object> budget = manifests.get("PodDisruptionBudget", "recpipe-" + service);
    assertThat(pod.podLabels())
        .containsAllEntriesOf(ServicePod.stringMap(at(budget, "spec", "selector", "matchLabels")));
    assertThat(at(budget, "spec", "maxUnavailable")).isEqualTo(1);

    Duration grace =
        DurationStyle.detectAndParse(
            settings
                .get(service)
                .applicationYml(service + ".shutdown-grace")
                .orElseThrow()
                .toString());
    assertThat(((Number) pod.pod().get("terminationGracePeriodSeconds")).longValue())
        .as("the pod's grace outlasts the service's shutdown-grace")
        .isGreaterThan(grace.toSeconds() + 10);
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder", "uploader"})
  void probesAndPortsAreTheServicesManagementPortAndHealthGroups(String service)
      throws IOException {
    ServiceSettings config = settings.get(service);
    ServicePod pod = ServicePod.of(manifests, service);
    Map<String, String> env = pod.environment();
    assertThat(config.applicationYml("management.endpoint.health.probes.enabled")).contains(true);
    assertThat(config.applicationYml("management.endpoints.web.exposure.include").orElseThrow())
        .asString()
        .contains("health", "prometheus");
    String base =
        config.applicationYml("management.endpoints.web.base-path").orElse("/actuator").toString();

    String port = env.get("MANAGEMENT_SERVER_PORT");
    assertThat(port).as("the management port, set in the manifest").isNotNull();
    config
        .applicationYml("management.server.port")
        .ifPresent(
            configured ->
                assertThat(port).as("application.yml's port").isEqualTo(configured.toString()));
    assertThat(env.get("MANAGEMENT_SERVER_ADDRESS"))
        .as("kubelet probes the pod's address, not 127.0.0.1")
        .isEqualTo("0.0.0.0");
    Map<String, Object> declared = map(list(pod.container().get("ports")).get(0));
    assertThat(declared).containsEntry("name", "management");
    assertThat(declared.get("containerPort").toString()).isEqualTo(port);
    Map<String, Object> servicePort =
        map(list(at(manifests.get("Service", "recpipe-" + service), "spec", "ports")).get(0));
    assertThat(servicePort.get("port").toString()).isEqualTo(port);
    assertThat(servicePort.get("targetPort")).isEqualTo("management");

    Map<String, Object> container = pod.container();
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      String group = probe.equals("readinessProbe") ? "readiness" : "liveness";
      assertThat(at(container, probe, "httpGet", "path"))
          .as(probe)
          .isEqualTo(base + "/health/" + group);
      assertThat(at(container, probe, "httpGet", "port").toString())
          .as(probe)
          .isIn("management", port);
    }

    Map<String, Object> scrape = map(list(prometheus().get("scrape_configs")).get(0));
    assertThat(scrape.get("metrics_path")).isEqualTo(base + "/prometheus");
    assertThat(list(scrape.get("relabel_configs")))
        .anySatisfy(
            r ->
                assertThat(map(r))
                    .containsEntry(
                        "source_labels", List.of("__meta_kubernetes_pod_container_port_name"))
                    .containsEntry("regex", "management")
                    .containsEntry("action", "keep"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder", "uploader"})
  void everyEnvironmentVariableIsASettingOfTheService(String service) throws IOException {
    ServicePod pod = ServicePod.of(manifests, service);
    String dockerfile =
        Files.readString(ObservabilityPack.DEPLOY.resolveSibling("Dockerfile." + service));
    var unknown = new ArrayList<String>();
    for (String variable : pod.environment().keySet()) {
      if (variable.equals("JAVA_OPTS")) {
        assertThat(dockerfile).as("the image's entrypoint reads JAVA_OPTS").contains("$JAVA_OPTS");
        continue;
      }
      if (settings.get(service).settingOfEnvironmentVariable(variable).isEmpty()) {
        unknown.add(variable);
      }
    }
    assertThat(unknown).as("environment variables that set nothing in " + service).isEmpty();
  }

  private static Map<String, Object> prometheus() throws IOException {
    try (var in =
        Files.newBufferedReader(ObservabilityPack.DEPLOY.resolve("prometheus/prometheus.yml"))) {
      return map(new org.yaml.snakeyaml.Yaml().load(in));
    }
  }

  @Test
  void kustomizeAppliesEveryManifestButTheSecretsWithTheServicesImages() throws IOException {
    Map<String, Object> kustomization = KubernetesManifests.kustomization();
    List<Object> listed = list(kustomization.get("resources"));
    List<String> onDisk;
    try (var files = Files.list(KubernetesManifests.DIR)) {
      onDisk =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .filter(n -> !n.equals(KubernetesManifests.SECRETS))
              .toList();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(onDisk);
    List<Object> images =
        list(kustomization.get("images")).stream().map(i -> map(i).get("name")).toList();
    for (String service : settings.keySet()) {
      assertThat(images).contains(ServicePod.of(manifests, service).container().get("image"));
    }
  }
}
