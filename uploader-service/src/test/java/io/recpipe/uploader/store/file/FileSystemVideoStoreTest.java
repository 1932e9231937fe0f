package io.recpipe.uploader.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  private Path root;
  private FileSystemVideoStore store;

  @BeforeEach
  void createStore() throws IOException {
    root = Files.createDirectories(work.resolve("store"));
    store = new FileSystemVideoStore(root);
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
    Path dir = Files.createDirectories(root.resolve(key.value()).getParent());
    Files.write(dir.resolve("." + key.fileName() + ".crashed.tmp"), new byte[1234]);

    store.put(mp4, key, metadataOf(mp4));

    assertThat(keysUnder(prefixOf(key))).containsExactly(key.value());
    assertThat(read(key)).isEqualTo(Files.readAllBytes(mp4));
  }

  @Test
  void aMissingRootIsAPermanentFailure() throws IOException {
    var missing = new FileSystemVideoStore(work.resolve("no-such-dir"));
    Path mp4 = file("a.mp4", 1000, 8);

    assertThatThrownBy(() -> missing.put(mp4, freshKey(), metadataOf(mp4)))
        .isInstanceOfSatisfying(
            VideoStoreException.class, e -> assertThat(e.isTransient()).isFalse());
    assertThatThrownBy(missing::checkAccess).isInstanceOf(VideoStoreException.class);
  }
}
