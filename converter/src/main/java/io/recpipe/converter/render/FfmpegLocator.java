package io.recpipe.converter.render;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ffmpeg and ffprobe executables: the configured path, else the one on {@code PATH}, else
 * the executable shipped in {@code org.bytedeco:ffmpeg:*:linux-x86_64-gpl} when that jar is on the
 * class path (Maven profile {@code bundled-ffmpeg}), extracted once to a temp directory.
 */
public final class FfmpegLocator {

  private static final String BUNDLE = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";
  private static final List<String> BUNDLED_LIBS =
      List.of(
          "libavcodec.so.61",
          "libavdevice.so.61",
          "libavfilter.so.10",
          "libavformat.so.61",
          "libavutil.so.59",
          "libpostproc.so.58",
          "libswresample.so.5",
          "libswscale.so.8",
          "libva.so",
          "libva-drm.so",
          "libdrm.so.2");

  private static volatile Path bundleDir;

  private FfmpegLocator() {}

  /** Resolves an executable ({@code ffmpeg} or {@code ffprobe}). */
  public static String resolve(String configured, String name) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return bundled(name).map(Path::toString).orElse(name);
  }

  /** The library directory a bundled executable needs, if {@code executable} is one. */
  static Optional<String> libraryPathFor(String executable) {
    Path dir = bundleDir;
    if (dir != null && executable.startsWith(dir.toString())) {
      return Optional.of(dir.toString());
    }
    return Optional.empty();
  }

  /** The variables a tool run needs: {@code LD_LIBRARY_PATH} for a bundled executable. */
  public static Map<String, String> environmentFor(String executable) {
    return libraryPathFor(executable).map(dir -> Map.of("LD_LIBRARY_PATH", dir)).orElse(Map.of());
  }

  private static synchronized Optional<Path> bundled(String name) {
    URL exe = FfmpegLocator.class.getClassLoader().getResource(BUNDLE + name);
    if (exe == null) {
      return Optional.empty();
    }
    try {
      if (bundleDir == null) {
        Path dir = Files.createTempDirectory("recpipe-ffmpeg-");
        dir.toFile().deleteOnExit();
        for (String lib : BUNDLED_LIBS) {
          extract(lib, dir);
        }
        bundleDir = dir;
      }
      Path target = bundleDir.resolve(name);
      if (!Files.exists(target)) {
        extract(name, bundleDir);
        target.toFile().setExecutable(true);
      }
      return Optional.of(target);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void extract(String name, Path dir) throws IOException {
    try (InputStream in = FfmpegLocator.class.getClassLoader().getResourceAsStream(BUNDLE + name)) {
      if (in != null) {
        Path target = dir.resolve(name);
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().deleteOnExit();
      }
    }
  }
}
