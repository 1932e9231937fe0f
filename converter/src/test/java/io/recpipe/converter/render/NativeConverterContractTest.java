package io.recpipe.converter.render;

import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.testing.RecordingConverterContract;
import java.time.Clock;

/** The native converter keeps the {@link RecordingConverter} contract. */
class NativeConverterContractTest extends RecordingConverterContract {

  @Override
  protected RecordingConverter converter() {
    return new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());
  }
}
