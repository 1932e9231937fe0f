package io.recpipe.pipeline;

import static io.recpipe.pipeline.KubernetesManifests.at;
import static io.recpipe.pipeline.KubernetesManifests.list;
import static io.recpipe.pipeline.KubernetesManifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the pods store and hold in the manifests under deploy/k8s: secrets are files named after
 * settings where the service reads its configtree, the folders encoder and uploader share are the
 * same ReadWriteMany claim, each replica's data is its own, and the memory limit leaves the JVM and
 * its children room. An integration test because it reads the packaged jars.
 */
class KubernetesVolumesIT {

  /** The JVM's memory outside its heap (metaspace, code, threads, buffers), at the least. */
  private static final long NON_HEAP = 384L << 20;

  /** One ffmpeg encoding H.264 for the native converter, at the least. */
  private static final long FFMPEG = 256L << 20;

  private static KubernetesManifests manifests;

  @BeforeAll
  static void load() throws IOException {
    manifests = KubernetesManifests.load();
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder", "uploader"})
  void secretsAreFilesNamedAfterSettingsWhereTheServiceReadsItsConfigTree(String service)
      throws IOException {
    ServiceSettings settings = ServiceSettings.ofService(service);
    ServicePod pod = ServicePod.of(manifests, service);
    Map<String, String> env = pod.environment();
    String mount =
        pod.mounts().entrySet().stream()
            .filter(m -> m.getValue().equals("secrets"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    assertThat(settings.configTree(env)).as("the service's configtree folder").isEqualTo(mount);

    var secretKeys = new ArrayList<String>();
    for (Object source : list(at(pod.volume("secrets").orElseThrow(), "projected", "sources"))) {
      Map<String, Object> secret = manifests.get("Secret", (String) at(source, "secret", "name"));
      secretKeys.addAll(map(secret.get("stringData")).keySet());
    }
    assertThat(secretKeys).contains("empowerid.client-secret", "empowerid.api-key");
    for (String key : secretKeys) {
      String file = mount + "/" + key;
      Optional<String> namedBy =
          env.entrySet().stream()
              .filter(e -> e.getValue().equals(file))
              .map(Map.Entry::getKey)
              .findFirst();
      if (namedBy.isPresent()) {
        // A file a setting names (the admin token): that setting must be a real one.
        assertThat(settings.settingOfEnvironmentVariable(namedBy.get()))
            .as("%s names %s: a setting of %s", namedBy.get(), file, service)
            .isPresent();
      } else {
        assertThat(settings.isSetting(key))
            .as("secret file %s is a setting of %s", key, service)
            .isTrue();
      }
    }
    for (String variable : env.keySet()) {
      assertThat(settings.settingOfEnvironmentVariable(variable).filter(secretKeys::contains))
          .as("a secret given as an environment variable: %s", variable)
          .isEmpty();
    }
  }

  @Test
  void encoderAndUploaderMeetOnSharedVolumesAndKeepTheirDataPerReplica() {
    ServicePod encoder = ServicePod.of(manifests, "encoder");
    ServicePod uploader = ServicePod.of(manifests, "uploader");
    String mp4 = claimOf(encoder, encoder.environment().get("ENCODER_OUTPUT_DIR"));
    assertThat(claimOf(uploader, uploader.environment().get("UPLOADER_RECORDINGS_DIR")))
        .as("the encoder's MP4 folder is the uploader's input")
        .isEqualTo(mp4);
    String recordings = claimOf(encoder, encoder.environment().get("ENCODER_RECORDINGS_DIR"));
    String quarantine = claimOf(encoder, encoder.environment().get("ENCODER_QUARANTINE_DIR"));
    String videos = claimOf(uploader, uploader.environment().get("UPLOADER_STORE_FILE_ROOT"));
    for (String shared : List.of(mp4, recordings, quarantine, videos)) {
      assertThat(list(at(manifests.get("PersistentVolumeClaim", shared), "spec", "accessModes")))
          .as("claim %s, shared by every replica", shared)
          .containsExactly("ReadWriteMany");
    }
    for (ServicePod pod : List.of(encoder, uploader)) {
      Map<String, String> env = pod.environment();
      String data = pod.mounts().get(env.get(pod.envPrefix() + "DATA_DIR"));
      assertThat(pod.volumeClaimTemplate(data))
          .as("%s data per replica", pod.service())
          .isPresent();
      assertThat(list(at(pod.volumeClaimTemplate(data).orElseThrow(), "spec", "accessModes")))
          .containsExactly("ReadWriteOnce");
      for (String path : env.get("MANAGEMENT_METRICS_SYSTEM_DISKSPACE_PATHS").split(",")) {
        assertThat(pod.mountOf(path)).as("disk metric path %s mounted", path).isPresent();
      }
      pod.mounts().values().stream()
          .filter(volume -> pod.volumeClaimTemplate(volume).isEmpty())
          .forEach(volume -> assertThat(pod.volume(volume)).as("volume %s", volume).isPresent());
    }
  }

  /** The claim of the volume a path of the pod is on (a PersistentVolumeClaim of the manifests). */
  private static String claimOf(ServicePod pod, String path) {
    assertThat(path).as("a folder of %s", pod.service()).isNotNull();
    String mount = pod.mountOf(path).orElseThrow(() -> new AssertionError(path + " not mounted"));
    Map<String, Object> volume = pod.volume(pod.mounts().get(mount)).orElseThrow();
    String claim = (String) at(volume, "persistentVolumeClaim", "claimName");
    assertThat(claim).as("%s on a persistent volume", path).isNotNull();
    assertThat(manifests.find("PersistentVolumeClaim", claim)).as("claim %s", claim).isPresent();
    return claim;
  }

  @ParameterizedTest
  @ValueSource(strings = {"encoder", "uploader"})
  void theMemoryLimitLeavesTheJvmAndItsChildrenRoom(String service) {
    ServicePod pod = ServicePod.of(manifests, service);
    Map<String, Object> resources = map(pod.container().get("resources"));
    long limit = bytes(at(resources, "limits", "memory"));
    assertThat(bytes(at(resources, "requests", "memory")))
        .as("memory requested as limited (the JVM sizes its heap from the limit)")
        .isEqualTo(limit);
    assertThat(at(resources, "limits", "cpu")).isNotNull();
    String javaOpts = pod.environment().get("JAVA_OPTS");
    assertThat(javaOpts).contains("-XX:+ExitOnOutOfMemoryError").doesNotContain("-Xmx", "-Xms");
    double share =
        Double.parseDouble(javaOpts.replaceAll("(?s).*-XX:MaxRAMPercentage=([0-9.]+).*", "$1"));
    long heap = (long) (limit * share / 100);
    long children = 0;
    if (service.equals("encoder")) {
      int parallelism =
          Integer.parseInt(pod.environment().getOrDefault("ENCODER_PARALLELISM", "0"));
      assertThat(parallelism).as("conversions at once, set (not the node's cores)").isPositive();
      children = parallelism * FFMPEG;
    }
    assertThat(limit - heap)
        .as("memory outside the heap for the JVM and %d bytes of children", children)
        .isGreaterThanOrEqualTo(NON_HEAP + children);
  }

  private static long bytes(Object quantity) {
    String text = String.valueOf(quantity);
    var units =
        Map.of(
            "Ki",
            1L << 10,
            "Mi",
            1L << 20,
            "Gi",
            1L << 30,
            "K",
            1000L,
            "M",
            1000_000L,
            "G",
            1000_000_000L);
    for (var unit : List.of("Ki", "Mi", "Gi", "K", "M", "G")) {
      if (text.endsWith(unit)) {
        return Long.parseLong(text.substring(0, text.length() - unit.length())) * units.get(unit);
      }
    }
    return Long.parseLong(text);
  }
}
