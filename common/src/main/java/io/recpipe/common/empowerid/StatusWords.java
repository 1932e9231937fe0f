package io.recpipe.common.empowerid;

import jakarta.validation.constraints.NotBlank;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recording-status words on the wire, one per {@link RecordingStep}. The defaults are the
 * seed's words; the profile {@code empowerid-stages} maps EmpowerID's stage names instead.
 *
 * @param recorded recorded, waiting for the encoder
 * @param processing the encoder works on it
 * @param processed the MP4 is ready for the uploader
 * @param processingFailed the encoder gave up
 * @param uploading the uploader works on it
 * @param uploaded stored in cloud storage
 * @param uploadFailed the uploader gave up
 */
public record StatusWords(
    @DefaultValue("Recorded") @NotBlank String recorded,
    @DefaultValue("Processing") @NotBlank String processing,
    @DefaultValue("Processed") @NotBlank String processed,
    @DefaultValue("ProcessingFailed") @NotBlank String processingFailed,
    @DefaultValue("Uploading") @NotBlank String uploading,
    @DefaultValue("Uploaded") @NotBlank String uploaded,
    @DefaultValue("UploadFailed") @NotBlank String uploadFailed) {

  public StatusWords {
    var seen = new java.util.HashSet<String>();
    for (String word :
        new String[] {
          recorded, processing, processed, processingFailed, uploading, uploaded, uploadFailed
        }) {
      if (word != null && !seen.add(word.trim().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "Each empowerid.status-words entry must be a different word. repeated: " + word);
      }
    }
  }

  /** The seed's words. */
  public static StatusWords seed() {
    return new StatusWords(
        "Recorded",
        "Processing",
        "Processed",
        "ProcessingFailed",
        "Uploading",
        "Uploaded",
        "UploadFailed");
  }

  /** The word sent for a step. */
  public String wordFor(RecordingStep step) {
    return asMap().get(step);
  }

  /** The step a received word stands for, ignoring case; empty for an unknown word or null. */
  public Optional<RecordingStep> stepFor(String word) {
    if (word == null) {
      return Optional.empty();
    }
    String wanted = word.trim();
    return asMap().entrySet().stream()
        .filter(e -> e.getValue().trim().equalsIgnoreCase(wanted))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private Map<RecordingStep, String> asMap() {
    var map = new EnumMap<RecordingStep, String>(RecordingStep.class);
    map.put(RecordingStep.RECORDED, recorded);
    map.put(RecordingStep.PROCESSING, processing);
    map.put(RecordingStep.PROCESSED, processed);
    map.put(RecordingStep.PROCESSING_FAILED, processingFailed);
    map.put(RecordingStep.UPLOADING, uploading);
    map.put(RecordingStep.UPLOADED, uploaded);
    map.put(RecordingStep.UPLOAD_FAILED, uploadFailed);
    return map;
  }
}
