// The script Verify Drill runs on the verification instance through Cloud Assistant, one per drill disk: it finds the
// disk by its serial, checks the filesystem without modifying it, mounts it read-only, runs the team's check (if any)
// against the mount point and always unmounts. What it relies on and what it prints: docs/verification.md.
// Pure: builds text and hashes, runs nothing.
import { createHash } from 'node:crypto';

/** The built-in check's name in records and reports. */
export const BUILT_IN_CHECK_NAME = 'built-in';

/** Time the wrapper keeps for itself (finding the device, fsck, mount, unmount) out of the invocation's timeout. */
export const WRAPPER_RESERVE_SECONDS = 60;

export const MIN_TIMEOUT_SECONDS = WRAPPER_RESERVE_SECONDS + 30;

export interface CheckScript {
  source: 'builtin' | 'team';
  /** `built-in`, or the team script's path relative to the evidence folder (`checks/db01.sh`). */
  name: string;
  /** The team script's text (absent for the built-in check). */
  text?: string;
  /** SHA-256 (hex) of the team script's bytes, or of the wrapper's built-in part for the built-in check. */
  sha256: string;
}

export interface WrapperInput {
  diskId: string;
  check: CheckScript;
  /** The invocation's Timeout (seconds); the team's check gets this minus WRAPPER_RESERVE_SECONDS. */
  timeoutSeconds: number;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The disk's serial as a Linux guest sees it: the disk ID without `d-`. */
export function serialOf(diskId: string): string {
  return diskId.startsWith('d-') ? diskId.slice(2) : diskId;
}

const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Single-quoted for bash (the value cannot end the quote). */
const quoted = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The wrapper's fixed part: the same for every disk, so its hash names the built-in check. */
const BODY = `say() { printf 'EBS-DR: %s\\n' "$*"; }
fail() { say "result=failed $*"; exit "\${2:-1}"; }
MOUNT_POINT=''
MOUNTED=0
cleanup() {
  if [ "$MOUNTED" = 1 ]; then umount "$MOUNT_POINT" || say "unmount failed: $MOUNT_POINT"; fi
  if [ -n "$MOUNT_POINT" ]; then rmdir "$MOUNT_POINT" 2>/dev/null; fi
  if [ -n "\${CHECK_FILE:-}" ]; then rm -f "$CHECK_FILE"; fi
}
trap cleanup EXIT
DEVICE=''
for _ in $(seq 1 30); do
  for candidate in /dev/disk/by-id/virtio-"$SERIAL" /dev/disk/by-id/nvme-*_"$SERIAL"; do
    if [ -e "$candidate" ]; then DEVICE=$(readlink -f "$candidate"); break 2; fi
  done
  sleep 1
done
[ -n "$DEVICE" ] || { say "result=failed no block device with serial $SERIAL"; exit 10; }
say "device=$DEVICE"
FSTYPE=$(blkid -o value -s TYPE "$DEVICE" 2>/dev/null)
[ -n "$FSTYPE" ] || { say "filesystem=none"; say "result=failed no filesystem on the drill disk"; exit 11; }
say "filesystem=$FSTYPE"
case "$FSTYPE" in
  ext2|ext3|ext4) CHECK_CMD="e2fsck -fn"; OPTIONS=ro; [ "$FSTYPE" = ext2 ] || OPTIONS=ro,noload ;;
  xfs) CHECK_CMD="xfs_repair -n"; OPTIONS=ro,norecovery ;;
  *) CHECK_CMD=''; OPTIONS=ro ;;
esac
if [ -n "$CHECK_CMD" ]; then
  if $CHECK_CMD "$DEVICE"; then say "fsck=clean"; else say "fsck=errors"; say "result=failed the filesystem check found errors"; exit 12; fi
else
  say "fsck=skipped (no read-only check for $FSTYPE)"
fi
MOUNT_POINT=$(mktemp -d /tmp/ebs-dr-verify.XXXXXX) || { say "result=failed cannot create a mount point"; exit 13; }
mount -o "$OPTIONS" "$DEVICE" "$MOUNT_POINT" || { say "result=failed read-only mount failed"; exit 13; }
MOUNTED=1
say "mounted=$MOUNT_POINT ($OPTIONS)"
ls -la "$MOUNT_POINT" | head -n 100
if [ -n "$CHECK_B64" ]; then
  CHECK_FILE=$(mktemp /tmp/ebs-dr-check.XXXXXX)
  printf '%s' "$CHECK_B64" | base64 -d > "$CHECK_FILE"
  say "check=$CHECK_NAME"
  EBS_DR_MOUNT="$MOUNT_POINT" EBS_DR_DISK_ID="$DISK_ID" timeout --kill-after=10 "$CHECK_SECONDS" bash "$CHECK_FILE"
  CODE=$?
  if [ "$CODE" = 124 ] || [ "$CODE" = 137 ]; then say "result=failed the check did not finish within $CHECK_SECONDS s"; exit 124; fi
  [ "$CODE" = 0 ] || { say "result=failed the check exited with $CODE"; exit "$CODE"; }
fi
say "result=passed"
exit 0
`;

/** SHA-256 of the built-in check: the wrapper's fixed part. */
export const BUILT_IN_SHA256 = sha256Hex(BODY);

export function builtInCheck(): CheckScript {
  return { source: 'builtin', name: BUILT_IN_CHECK_NAME, sha256: BUILT_IN_SHA256 };
}

export function teamCheck(name: string, text: string): CheckScript {
  return { source: 'team', name, text, sha256: sha256Hex(text) };
}

/** The whole script for one disk: the values, then the fixed part. */
export function wrapperScript(input: WrapperInput): string {
  if (!SAFE_ID.test(input.diskId)) throw new Error(`"${input.diskId}" is not a disk ID.`);
  const checkSeconds = Math.max(10, Math.floor(input.timeoutSeconds) - WRAPPER_RESERVE_SECONDS);
  const checkB64 = input.check.text === undefined ? '' : Buffer.from(input.check.text, 'utf8').toString('base64');
  const header = [
    '#!/bin/bash',
    '# EBS DR: verify a drill disk read-only (generated by the EBS DR extension).',
    'set -u',
    `DISK_ID=${quoted(input.diskId)}`,
    `SERIAL=${quoted(serialOf(input.diskId))}`,
    `CHECK_NAME=${quoted(input.check.name)}`,
    `CHECK_SECONDS=${checkSeconds}`,
    `CHECK_B64=${quoted(checkB64)}`,
    '',
  ].join('\n');
  return header + BODY;
}

/** What the wrapper printed about the disk (`EBS-DR: key=value` lines). */
export function wrapperFacts(output: string): { device?: string; filesystem?: string; fsck?: string; result?: string } {
  const facts: Record<string, string> = {};
  for (const line of output.split(/\r?\n/)) {
    const m = /^EBS-DR: (device|filesystem|fsck|result)=(.*)$/.exec(line);
    if (m) facts[m[1] as string] = (m[2] as string).trim();
  }
  return facts;
}
