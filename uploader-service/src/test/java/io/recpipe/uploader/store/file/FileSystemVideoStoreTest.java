package io.recpipe.uploader.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.uploader.store.ObjectKey;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreContract;
import io.recpipe.uploader.store.VideoStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSystemVideoStoreTest extends VideoStoreContract {

  static final String INSTANCE = "uploader-test";

  private Path root;
  private FileSystemVideoStore store;

  @BeforeEach
  void createStore() throws IOException {
    root = Files.createDirectories(work.resolve("store"));
    store = new FileSystemVideoStore(root, INSTANCE);
  }

  @Override
  protected VideoStore store() {
    return store;
  }

  @Override
  protected long uploadRequests() {
    return store.copies();
  }

  @Override
  protected List<String> keysUnder(String prefix) {
    try (var files = Files.walk(root.resolve(prefix))) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected byte[] read(ObjectKey key) {
    try {
      return Files.readAllBytes(root.resolve(key.value()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPartialCopyLeftByACrashIsRemovedAndOneFileRemains() throws IOException {
    Path mp4 = file("a.mp4", 100_000, 7);
    ObjectKey key = freshKey();
    Path crashed =
        Files.write(
            PartialFiles.newPartial(
                root, FileSystemVideoStore.partialStem(key), "uploader-dead-instance"),
            new byte[1234]);

    store.put(mp4, key, metadataOf(mp4));

    assertThat(keysUnder(prefixOf(key))).containsExactly(key.value());
    assertThat(read(key)).isEqualTo(Files.readAllBytes(mp4));
    assertThat(crashed).doesNotExist();
    assertThat(partialsIn(root)).as("no partial file of ours either").isEmpty();
  }

  @Test
  void twoKeysWithTheSameFileNameNeverShareAPartialName() {
    ObjectKey a = new ObjectKey("a/2026/session.mp4");
    ObjectKey b = new ObjectKey("b/2026/session.mp4");

    assertThat(FileSystemVideoStore.partialStem(a))
        .isNotEqualTo(FileSystemVideoStore.partialStem(b))
        .endsWith("-session.mp4");
    assertThat(PartialFiles.newPartial(root, FileSystemVideoStore.partialStem(a), INSTANCE))
        .satisfies(p -> assertThat(p.getParent()).isEqualTo(root))
        .satisfies(p -> assertThat(PartialFiles.isOwnedBy(p.getFileName().toString(), INSTANCE)))
        .satisfies(p -> assertThat(p.getFileName().toString()).doesNotEndWith(".mp4"));
  }

  @Test
  void startUpRemovesThisInstancesPartialFilesOnly() throws IOException {
    Path mp4 = file("a.mp4", 10_000, 3);
    ObjectKey stored = freshKey();
    store.put(mp4, stored, metadataOf(mp4));
    Path ours = Files.write(PartialFiles.newPartial(root, "x-session.mp4", INSTANCE), new byte[9]);
    Path another =
        Files.write(PartialFiles.newPartial(root, "y-session.mp4", "uploader-b"), new byte[9]);

    assertThat(store.removeOwnPartials()).isEqualTo(1);

    assertThat(ours).doesNotExist();
    assertThat(another).as("another replica's work in progress").exists();
    assertThat(read(stored)).isEqualTo(Files.readAllBytes(mp4));
  }

  @Test
  void aLinkIsNeverReadThrough() throws IOException {
    Path elsewhere = file("elsewhere.mp4", 10_000, 4);
    Path link = Files.createSymbolicLink(work.resolve("session-1.mp4"), elsewhere);
    ObjectKey key = freshKey();

    assertThatThrownBy(() -> store.put(link, key, metadataOf(elsewhere)))
        .isInstanceOf(VideoStoreException.class);

    assertThat(keysUnder(prefixOf(key))).isEmpty();
    assertThat(partialsIn(root)).isEmpty();
  }

  private static List<String> partialsIn(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(PartialFiles::isPartial).toList();
    }
  }

  @Test
  void aMissingRootIsAPermanentFailure() throws IOException {
    var missing = new FileSystemVideoStore(work.resolve("no-such-dir"), INSTANCE);
    Path mp4 = file("a.mp4", 1000, 8);

    assertThatThrownBy(() -> missing.put(mp4, freshKey(), metadataOf(mp4)))
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThatThrownBy(missing::checkAccess).isInstanceOf(VideoStoreException.class);
  }
}
