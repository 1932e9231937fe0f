package io.recpipe.common.job;

/**
 * A job this instance has claimed.
 *
 * @param claimedFrom the state it was claimed from; {@code RUNNING} means its previous owner's
 *     lease expired (it died), so partial output it left must be removed first
 */
public record Claim(Job job, JobState claimedFrom) {

  public boolean reclaimed() {
    return claimedFrom == JobState.RUNNING;
  }
}
