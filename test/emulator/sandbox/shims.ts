// The shell shims that stand in for the kernel's block devices inside a Cloud Assistant sandbox: blkid, mount, umount,
// e2fsck and xfs_repair. They read the device files (`<sandbox>/dev/vdX`, one JSON key per line) that sandbox.ts
// writes, and never touch a real device. Everything else a script runs is the real program.

/** Shared by every shim: where the sandbox is, reading a device file, and showing a path as the guest sees it. */
const PRELUDE = String.raw`#!/usr/bin/env bash
# EBS DR emulator shim (the only simulated part of a Cloud Assistant instance is the kernel's block devices).
SANDBOX="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd -P)"
MTAB="$SANDBOX/mtab"
touch "$MTAB"
# field FILE KEY: the string value of "KEY" in a device file.
field() { sed -n "s/^  \"$2\": \"\(.*\)\",\{0,1\}$/\1/p" "$1" | head -n 1; }
# guest PATH: the path as the instance sees it (the sandbox folder is its root).
guest() { local p="$1"; case "$p" in "$SANDBOX"/*) printf '%s' "\${p#"$SANDBOX"}" ;; *) printf '%s' "$p" ;; esac; }
# resolve_dev ARG: the sandbox device file ARG names (by-id link, /dev/vdX or the sandbox path), or nothing.
resolve_dev() {
  local p="$1" r
  case "$p" in /dev/*) [ -e "$SANDBOX$p" ] && p="$SANDBOX$p" ;; esac
  r="$(readlink -f -- "$p" 2>/dev/null)" || return 0
  case "$r" in "$SANDBOX"/dev/vd[a-z]) [ -f "$r" ] && printf '%s' "$r" ;; esac
  return 0
}
`;

const BLKID = String.raw`
# blkid [-o value|full] [-s TAG] DEV...
output=full; tag=""; devs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) output="$2"; shift 2 ;;
    -s) tag="$2"; shift 2 ;;
    -c|-w|-n|-t|-u) shift 2 ;;
    -*) shift ;;
    *) devs+=("$1"); shift ;;
  esac
done
rc=2
for d in "\${devs[@]}"; do
  f="$(resolve_dev "$d")"
  [ -n "$f" ] || continue
  t="$(field "$f" fsType)"; s="$(field "$f" state)"; u="$(field "$f" uuid)"
  if [ -z "$t" ] || [ "$s" = empty ]; then continue; fi
  rc=0
  if [ "$output" = value ]; then
    case "$tag" in
      ""|TYPE) printf '%s\n' "$t" ;;
      UUID) printf '%s\n' "$u" ;;
      BLOCK_SIZE) printf '4096\n' ;;
    esac
  else
    printf '%s: UUID="%s" BLOCK_SIZE="4096" TYPE="%s"\n' "$(guest "$f")" "$u" "$t"
  fi
done
exit $rc
`;

const MOUNT = String.raw`
# mount [-t TYPE] [-o OPTS] DEV DIR: copies the disk's files into DIR (the disk itself is never written).
opts=""; args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) opts="$2"; shift 2 ;;
    -o*) opts="\${1#-o}"; shift ;;
    -t) shift 2 ;;
    -r|--read-only) opts="\${opts:+$opts,}ro"; shift ;;
    -*) shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ \${#args[@]} -eq 0 ]; then
  while IFS=$'\t' read -r dev dir o; do [ -n "$dev" ] && printf '%s on %s type ext4 (%s)\n' "$dev" "$(guest "$dir")" "$o"; done < "$MTAB"
  exit 0
fi
if [ \${#args[@]} -ne 2 ]; then
  echo "mount: bad usage" >&2
  echo "Try 'mount --help' for more information." >&2
  exit 1
fi
dev="\${args[0]}"; dir="\${args[1]}"
if [ ! -d "$dir" ]; then echo "mount: $dir: mount point does not exist." >&2; exit 32; fi
f="$(resolve_dev "$dev")"
if [ -z "$f" ]; then echo "mount: $dir: special device $dev does not exist." >&2; exit 32; fi
g="$(guest "$f")"
t="$(field "$f" fsType)"; s="$(field "$f" state)"; contents="$(field "$f" contents)"
bad() { echo "mount: $dir: wrong fs type, bad option, bad superblock on $g, missing codepage or helper program, or other error." >&2; exit 32; }
if [ "$s" != ok ] || [ -z "$t" ]; then bad; fi
case ",$opts," in *,noload,*) [ "$t" = xfs ] && bad ;; esac
if awk -F'\t' -v d="$dir" '$2 == d { found = 1 } END { exit !found }' "$MTAB"; then
  echo "mount: $dir: $g already mounted on $dir." >&2; exit 32
fi
cp -R -p "$contents/." "$dir/" || exit 32
case ",$opts," in *,ro,*) find "$dir" -mindepth 1 -exec chmod a-w {} + ;; esac
printf '%s\t%s\t%s\n' "$g" "$dir" "\${opts:-rw}" >> "$SANDBOX/mounts.log"
printf '%s\t%s\t%s\n' "$g" "$dir" "\${opts:-rw}" >> "$MTAB"
exit 0
`;

const UMOUNT = String.raw`
# umount DIR|DEV: removes what mount copied into DIR.
target=""
while [ $# -gt 0 ]; do
  case "$1" in
    -t|-O) shift 2 ;;
    -*) shift ;;
    *) target="$1"; shift ;;
  esac
done
if [ -z "$target" ]; then echo "umount: bad usage" >&2; echo "Try 'umount --help' for more information." >&2; exit 1; fi
f="$(resolve_dev "$target")"
key="$target"; [ -n "$f" ] && key="$(guest "$f")"
line="$(awk -F'\t' -v k="$key" '$1 == k || $2 == k { l = $0 } END { print l }' "$MTAB")"
if [ -z "$line" ]; then echo "umount: $target: not mounted." >&2; exit 32; fi
dir="$(printf '%s' "$line" | cut -f2)"
if [ -d "$dir" ]; then
  find "$dir" -mindepth 1 -type d -exec chmod u+w {} +
  find "$dir" -mindepth 1 -delete
fi
awk -v l="$line" '$0 != l' "$MTAB" > "$MTAB.new" && mv "$MTAB.new" "$MTAB"
exit 0
`;

const E2FSCK = String.raw`
# e2fsck [-f] [-n|-p|-y] DEV: a no-modify check (this shim never repairs).
force=0; dev=""
while [ $# -gt 0 ]; do
  case "$1" in
    -b|-B|-j|-l|-L|-C|-E) shift 2 ;;
    -*) case "$1" in *f*) force=1 ;; esac; shift ;;
    *) dev="$1"; shift ;;
  esac
done
echo "e2fsck 1.46.5 (30-Dec-2021)" >&2
if [ -z "$dev" ]; then echo "Usage: e2fsck [-panyrcdfktvDFV] [-b superblock] [-B blocksize] device" >&2; exit 16; fi
f="$(resolve_dev "$dev")"
if [ -z "$f" ]; then
  echo "e2fsck: No such file or directory while trying to open $dev" >&2
  echo "Possibly non-existent device?" >&2
  exit 8
fi
g="$(guest "$f")"; t="$(field "$f" fsType)"; s="$(field "$f" state)"
case "$t" in ext2|ext3|ext4) ;; *) s=nofs ;; esac
[ "$s" = empty ] && s=nofs
if [ "$s" = nofs ]; then
  echo "ext2fs_open2: Bad magic number in super-block" >&2
  echo "e2fsck: Superblock invalid, trying backup blocks...." >&2
  echo "e2fsck: Bad magic number in super-block while trying to open $g" >&2
  echo ""
  echo "The superblock could not be read or does not describe a valid ext2/ext3/ext4"
  echo "filesystem.  If the device is valid and it really contains an ext2/ext3/ext4"
  echo "filesystem (and not swap or ufs or something else), then the superblock"
  echo "is corrupt, and you might try running e2fsck with an alternate superblock:"
  echo "    e2fsck -b 8193 <device>"
  echo " or"
  echo "    e2fsck -b 32768 <device>"
  echo ""
  exit 8
fi
if [ "$s" = ok ] && [ $force -eq 0 ]; then
  echo "$g: clean, 14/1310720 files, 126322/5242880 blocks"
  exit 0
fi
echo "Pass 1: Checking inodes, blocks, and sizes"
if [ "$s" = damaged ]; then
  echo "Inode 131074 has an invalid extent"
  printf '\t(logical block 0, invalid physical block 1058013, len 1)\n'
  echo "Clear? no"
  echo ""
  echo "Inode 131074, i_blocks is 8, should be 0.  Fix? no"
  echo ""
fi
echo "Pass 2: Checking directory structure"
if [ "$s" = damaged ]; then
  echo "Entry 'data.db' in /var/lib/app (131073) has deleted/unused inode 131075.  Clear? no"
  echo ""
fi
echo "Pass 3: Checking directory connectivity"
echo "Pass 4: Checking reference counts"
echo "Pass 5: Checking group summary information"
if [ "$s" = damaged ]; then
  echo "Block bitmap differences:  -(1058013--1058014)"
  echo "Fix? no"
  echo ""
  echo ""
  echo "$g: ********** WARNING: Filesystem still has errors **********"
  echo ""
  echo "$g: 15/1310720 files (6.7% non-contiguous), 126330/5242880 blocks"
  exit 4
fi
echo "$g: 14/1310720 files (0.0% non-contiguous), 126322/5242880 blocks"
exit 0
`;

const XFS_REPAIR = String.raw`
# xfs_repair [-n] DEV: with -n, reports problems without changing anything (this shim never repairs).
dev=""
while [ $# -gt 0 ]; do
  case "$1" in
    -l|-r|-m|-c|-o) shift 2 ;;
    -*) shift ;;
    *) dev="$1"; shift ;;
  esac
done
if [ -z "$dev" ]; then echo "Usage: xfs_repair [options] device" >&2; exit 1; fi
f="$(resolve_dev "$dev")"
if [ -z "$f" ]; then echo "$dev: No such file or directory" >&2; echo "" >&2; echo "fatal error -- couldn't initialize XFS library" >&2; exit 1; fi
t="$(field "$f" fsType)"; s="$(field "$f" state)"
echo "Phase 1 - find and verify superblock..." >&2
if [ "$t" != xfs ] || [ "$s" = empty ]; then
  echo "bad primary superblock - bad magic number !!!" >&2
  echo "" >&2
  echo "attempting to find secondary superblock..." >&2
  echo "...Sorry, could not find valid secondary superblock" >&2
  echo "Exiting now." >&2
  exit 1
fi
echo "Phase 2 - using internal log" >&2
echo "        - zero log..." >&2
echo "        - scan filesystem freespace and inode maps..." >&2
echo "        - found root inode chunk" >&2
echo "Phase 3 - for each AG..." >&2
echo "        - scan (but don't clear) agi unlinked lists..." >&2
echo "        - process known inodes and perform inode discovery..." >&2
echo "        - agno = 0" >&2
if [ "$s" = damaged ]; then
  echo "bad magic number 0x0 on inode 131, would reset magic number" >&2
  echo "bad version number 0x0 on inode 131, would reset version number" >&2
  echo "would have cleared inode 131" >&2
fi
echo "        - agno = 1" >&2
echo "        - process newly discovered inodes..." >&2
echo "Phase 4 - check for duplicate blocks..." >&2
echo "        - setting up duplicate extent list..." >&2
echo "        - check for inodes claiming duplicate blocks..." >&2
echo "        - agno = 0" >&2
echo "        - agno = 1" >&2
echo "No modify flag set, skipping phase 5" >&2
echo "Phase 6 - check inode connectivity..." >&2
echo "        - traversing filesystem ..." >&2
if [ "$s" = damaged ]; then
  echo "entry \"data.db\" in directory inode 128 points to free inode 131, would junk entry" >&2
fi
echo "        - traversal finished ..." >&2
echo "        - moving disconnected inodes to lost+found ..." >&2
echo "Phase 7 - verify link counts..." >&2
if [ "$s" = damaged ]; then
  echo "would have reset inode 128 nlinks from 3 to 2" >&2
fi
echo "No modify flag set, skipping filesystem flush and exiting." >&2
[ "$s" = damaged ] && exit 1
exit 0
`;

/** The texts above write bash's `${` as `\${` (String.raw keeps the backslash): the shim as bash reads it. */
const shim = (body: string): string => (PRELUDE + body).replace(/\\\$\{/g, '${');

/** File name → bash text of every shim put in `<sandbox>/bin`. */
export const SHIMS: Readonly<Record<string, string>> = {
  blkid: shim(BLKID),
  mount: shim(MOUNT),
  umount: shim(UMOUNT),
  e2fsck: shim(E2FSCK),
  'fsck.ext4': shim(E2FSCK),
  xfs_repair: shim(XFS_REPAIR),
};
