#!/usr/bin/env bash
# Revert checks of the crash-proof fixes: for each fix, takes it back in a scratch git worktree
# (one literal edit of the source), runs the test that covers it and expects that test to FAIL;
# then restores the source. Prints one line per check and exits non-zero if a test still passes
# with its fix taken back (a test that cannot fail) or the edit no longer applies.
#
#   scripts/revert-checks.sh [NAME...]     (default: every check; names in the table below)
#
# Runs offline Maven (mvn -o) on HEAD of the current checkout; takes a few minutes.
set -Eeuo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# name ~ file ~ text of the fix ~ text that takes it back ~ module ~ test
checks=$(cat <<'EOF'
take-back-own-jobs~common/src/main/java/io/recpipe/common/job/JobRunner.java~    jobs.expireLeasesOf(owner, clock.instant());~    // taken back~common~JobRunnerTest#startUpTakesBackThisInstancesOwnJobsAtOnce
lease-renewal~common/src/main/java/io/recpipe/common/job/LeaseKeeper.java~if (!jobs.renewLease(id, owner, lease, clock.instant())~if (false~common~LeaseKeeperTest
own-locks-release~common/src/main/java/io/recpipe/common/job/SchedulerLockConfiguration.java~+ " SET lock_until = locked_at WHERE locked_by = ?"~+ " SET lock_until = lock_until WHERE locked_by = ?"~common~SchedulerLockConfigurationTest#aRestartedInstanceReleasesTheLocksItHeldButNotOthers
takeover-409-waits~common/src/main/java/io/recpipe/common/job/JobRunner.java~job.announcedBy() != null || claim.reclaimed()~false~common~JobRunnerTest#aConflictOnASessionThisServiceWorkedOnWaitsPastTheOwnerTimeout
heartbeats~common/src/main/java/io/recpipe/common/job/Heartbeats.java~StatusUpdate update = empowerId.updateRecordingStatus(id, step, detail);~StatusUpdate update = StatusUpdate.APPLIED;~common~JobRunnerTest#longWorkSendsHeartbeatsWithItsProgress
reclaimed-run-alone~common/src/main/java/io/recpipe/common/job/JobRunner.java~List<Claim> claims = jobs.claimReclaimable(owner, 1, settings.lease(), clock.instant());~List<Claim> claims = List.of();~common~JobRunnerTest#aJobWhoseOwnerDiedRunsAloneSoACrashItCausesCostsNoOtherJobAnAttempt
dying-job-fails-at-limit~common/src/main/java/io/recpipe/common/job/JobRunner.java~if (claim.reclaimed() && claim.job().attempts() > settings.maxAttempts())~if (false)~common~JobRunnerTest#aRecordingWhoseRunsKeepDyingFailsAtTheLimitWithoutRunningAgain
outage-waits~common/src/main/java/io/recpipe/common/job/JobRunner.java~return new Wait(WaitReason.EMPOWERID_UNAVAILABLE, message);~return new Retry(message);~common~JobRunnerTest#anEmpowerIdOutageMakesTheJobWaitWithoutUsingAnAttempt
refusal-waits~common/src/main/java/io/recpipe/common/job/JobRunner.java~return new Wait(WaitReason.EMPOWERID_REFUSED, message);~return new Retry(message);~common~JobRunnerTest#refusedCredentialsAndRateLimitsWaitToo
shutdown-waits~common/src/main/java/io/recpipe/common/job/JobRunner.java~case SHUTDOWN -> shutdownWait("the service stopped while the work ran");~case SHUTDOWN -> new Retry("the service stopped while the work ran");~common~JobRunnerTest#shutdownStopsWorkAfterTheGracePeriodAndPutsItBackWithoutAnAttempt
fair-queue-eligible~common/src/main/java/io/recpipe/common/job/JdbcJobStore.java~: "(state = 'QUEUED' OR (state = 'WAITING' AND next_attempt_at <= ?))"~: "(state = 'QUEUED' OR (state = 'WAITING' AND (next_attempt_at <= ? OR TRUE)))"~common~H2JobStoreTest#waitingJobsNeverBlockOthersAndComeBackByDueTime
fair-queue-order~common/src/main/java/io/recpipe/common/job/JdbcJobStore.java~+ " ORDER BY COALESCE(next_attempt_at, created_at), session_id";~+ " ORDER BY created_at, session_id";~common~H2JobStoreTest#waitingJobsNeverBlockOthersAndComeBackByDueTime
requeue-resets-attempts~common/src/main/java/io/recpipe/common/job/JdbcJobStore.java~JobState.QUEUED, 0, null, failed.lastError()~JobState.QUEUED, failed.attempts(), null, failed.lastError()~common~H2JobStoreTest#requeueGivesAFailedJobAFullSetOfAttempts
orphans-killed~common/src/main/java/io/recpipe/common/process/ChildProcesses.java~.filter(p -> instanceName.equals(tagOf(p.pid()).orElse(null)))~.filter(p -> false)~encoder-service~OrphanedToolTest
own-partials-removed~encoder-service/src/main/java/io/recpipe/encoder/queue/Mp4Output.java~int removed = PartialFiles.removeOwnedBy(dir, instance);~int removed = 0;~encoder-service~Mp4OutputTest#removeOwnPartialsLeavesOtherInstancesAndFinalFilesAlone
no-link-followed~uploader-service/src/main/java/io/recpipe/uploader/scan/Mp4File.java~attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);~attributes = Files.readAttributes(path, BasicFileAttributes.class);~uploader-service~LocalFilesTest#aLinkPutInPlaceOfTheListedFileIsNeverRead
bounded-names~common/src/main/java/io/recpipe/common/files/RememberedNames.java~.maximumSize(maximum)~~common~RememberedNamesTest#manyNamesNeverGrowTheMemoryPastItsBound
EOF
)

scratch=$(mktemp -d)
cleanup() { git -C "$root" worktree remove --force "$scratch/tree" >/dev/null 2>&1 || true; rm -rf "$scratch"; }
trap cleanup EXIT
git -C "$root" worktree add -q --detach "$scratch/tree" HEAD
tree=$scratch/tree

failures=0
while IFS='~' read -r name file fix takeback module test; do
  [ -n "$name" ] || continue
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  if ! FIX=$fix TAKEBACK=$takeback python3 - "$tree/$file" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
fix, takeback = os.environ["FIX"], os.environ["TAKEBACK"]
if text.count(fix) != 1:
    sys.exit(1)
open(path, "w").write(text.replace(fix, takeback))
PY
  then
    printf '%-26s EDIT DOES NOT APPLY (the fix text is not in %s once)\n' "$name" "$file"
    failures=$((failures + 1)); continue
  fi
  log="$scratch/$name.log"
  extra=()
  [ "$module" = common ] || extra=(-am -Dsurefire.failIfNoSpecifiedTests=false)
  if (cd "$tree" && mvn -B -o -Dspotless.check.skip=true -Dspotless.apply.skip=true test -pl "$module" \
      ${extra[@]+"${extra[@]}"} -Dtest="$test" >"$log" 2>&1); then
    printf '%-26s STILL PASSES with the fix taken back: %s\n' "$name" "$test"
    failures=$((failures + 1))
  elif grep -q 'Tests run:.*Failures: [1-9]\|Tests run:.*Errors: [1-9]' "$log"; then
    printf '%-26s ok: %s fails without the fix (%s)\n' "$name" "$test" \
      "$(grep -m1 -o 'Tests run: [0-9]*, Failures: [0-9]*, Errors: [0-9]*' "$log" | tail -n1)"
  else
    printf '%-26s BUILD FAILED for another reason (see below)\n' "$name"; tail -n 30 "$log"
    failures=$((failures + 1))
  fi
  git -C "$tree" checkout -q -- "$file"
done <<<"$checks"
[ "$failures" -eq 0 ]
