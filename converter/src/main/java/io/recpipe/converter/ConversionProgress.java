package io.recpipe.converter;

/**
 * Hears how far a conversion got, for heartbeats during long work: the part of the recording read
 * so far, from 0 to 1 ({@code 1} once all of it is converted). Called on the converting thread at
 * most a few times a second, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface ConversionProgress {

  /** Hears nothing. */
  ConversionProgress NONE = fraction -> {};

  void progress(double fraction);
}
