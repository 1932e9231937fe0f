package io.recpipe.uploader;

import io.recpipe.common.job.InstanceName;
import io.recpipe.uploader.UploaderSettings.StoreKind;
import io.recpipe.uploader.store.VideoStore;
import io.recpipe.uploader.store.VideoStoreException;
import io.recpipe.uploader.store.azure.AzureBlobClients;
import io.recpipe.uploader.store.azure.AzureBlobVideoStore;
import io.recpipe.uploader.store.file.FileSystemVideoStore;
import io.recpipe.uploader.store.s3.S3Clients;
import io.recpipe.uploader.store.s3.S3StoreOptions;
import io.recpipe.uploader.store.s3.S3VideoStore;
import io.recpipe.uploader.upload.StoreRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the stores that are configured (S3 when a bucket is set, Azure when a container is set,
 * the file store always: {@code store.file.root} or {@code <data-dir>/videos}, cleared of this
 * instance's partial files) and the router from storage modes to them.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

  @Bean
  StoreRouter storeRouter(UploaderSettings settings, InstanceName instance) {
    Map<StoreKind, StoreRouter.Target> stores = new EnumMap<>(StoreKind.class);
    var store = settings.store();
    Path root =
        store.file().root() != null ? store.file().root() : settings.dataDir().resolve("videos");
    createIfMissing(root);
    var fileStore = new FileSystemVideoStore(root, instance.value());
    removeOwnPartials(fileStore);
    stores.put(StoreKind.FILE, new StoreRouter.Target(fileStore, ""));
    if (store.s3().enabled()) {
      stores.put(StoreKind.S3, new StoreRouter.Target(s3(store.s3()), store.s3().prefix()));
    }
    if (store.azure().enabled()) {
      var azure = store.azure();
      VideoStore blob =
          new AzureBlobVideoStore(
              AzureBlobClients.container(
                  azure.connectionString(), azure.endpoint(), azure.container(), azure.maxTries()),
              azure.blockSize().toBytes(),
              azure.maxConcurrency());
      stores.put(StoreKind.AZURE, new StoreRouter.Target(blob, azure.prefix()));
    }
    log.info("Stores configured. stores: {}, routes: {}", stores.keySet(), settings.routes());
    return new StoreRouter(stores, settings.routes());
  }

  private static VideoStore s3(UploaderSettings.S3Store s3) {
    var options =
        new S3StoreOptions(
            s3.bucket(),
            s3.sse(),
            s3.kmsKeyId(),
            s3.multipartThreshold().toBytes(),
            s3.partSize().toBytes());
    return new S3VideoStore(
        S3Clients.client(
            s3.region(),
            s3.endpoint(),
            s3.pathStyle(),
            s3.accessKey(),
            s3.secretKey(),
            options,
            s3.maxConcurrency()),
        S3Clients.presigner(
            s3.region(), s3.endpoint(), s3.pathStyle(), s3.accessKey(), s3.secretKey()),
        options);
  }

  /** Copies this instance was making when it was killed: no put has started yet. */
  private static void removeOwnPartials(FileSystemVideoStore store) {
    try {
      store.removeOwnPartials();
    } catch (VideoStoreException e) {
      log.warn("Partial files of an earlier run not removed. store: {}", store.name(), e);
    }
  }

  private static void createIfMissing(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      log.warn("Cannot create the file store directory. dir: {}", dir, e);
    }
  }
}
