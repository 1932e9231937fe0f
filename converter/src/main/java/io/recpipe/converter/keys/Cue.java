package io.recpipe.converter.keys;

/**
 * What was typed in one stretch: a line (up to Enter) or a burst between pauses.
 *
 * @param startMillis when the first key of it was pressed, in ms from the recording's first moment
 *     (the video's time 0)
 * @param endMillis when the cue stops showing, in the same clock
 * @param text the characters typed, with keys that type nothing written as {@code <Enter>}, {@code
 *     <Ctrl+C>}, ...; not escaped
 */
public record Cue(long startMillis, long endMillis, String text) {}
