// Per-instance sandbox folders where Cloud Assistant really runs scripts with bash. The only simulated part is the
// kernel: attached disks appear as device files (`dev/vdX`) with their `dev/disk/by-id/virtio-<serial>` links, the
// script's `/dev/disk/by-id/` paths are rewritten into the sandbox (as a chroot would), and shims for blkid, mount,
// umount, e2fsck and xfs_repair come first on PATH. The script, bash, coreutils, the exit code and the output are real.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DiskContents } from '../types';
import { SHIMS } from './shims';

/** A disk attached (In_use) to an instance, as its sandbox shows it. */
export interface SandboxDisk {
  diskId: string;
  /** `vdb`, `vdc`, … */
  guestDevice: string;
  contents: DiskContents;
}

export interface ScriptRun {
  child: ChildProcess;
  outputFile: string;
}

/** The path prefix the kernel simulation rewrites in a script. */
export const BY_ID_PREFIX = '/dev/disk/by-id/';

function uuidOf(diskId: string): string {
  const h = createHash('sha256').update(`fs/${diskId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every sandbox of one emulator state lives under one temporary root folder, removed by dispose(). */
export class SandboxRoot {
  private rootDir: string | undefined;

  /** The root folder if it was created. */
  get existingRoot(): string | undefined {
    return this.rootDir;
  }

  /** The root folder, created on first use. */
  get root(): string {
    this.rootDir ??= mkdtempSync(join(tmpdir(), 'ebs-emu-ecs-'));
    return this.rootDir;
  }

  /** `<root>/<instanceId>`: the instance's `/`, with bin (the shims), dev, root (the home and working folder) and run. */
  instanceDir(instanceId: string): string {
    const dir = join(this.root, instanceId);
    if (!existsSync(join(dir, 'bin'))) {
      for (const sub of ['bin', 'dev/disk/by-id', 'root', 'run', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
      for (const [name, text] of Object.entries(SHIMS)) {
        writeFileSync(join(dir, 'bin', name), text);
        chmodSync(join(dir, 'bin', name), 0o755);
      }
      writeFileSync(join(dir, 'mounts.log'), '');
      writeFileSync(join(dir, 'mtab'), '');
    }
    return dir;
  }

  /** `<root>/disks/<diskId>/files`: the disk's own files, written once (mount copies them; nothing writes them). */
  private contentsDir(disk: SandboxDisk): string {
    const dir = join(this.root, 'disks', disk.diskId, 'files');
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      if (disk.contents.drillDisk !== 'empty') {
        for (const [name, text] of Object.entries(disk.contents.files)) {
          mkdirSync(dirname(join(dir, name)), { recursive: true });
          writeFileSync(join(dir, name), text);
        }
      }
    }
    return dir;
  }

  /** Makes the instance's dev folder show exactly `disks` (device files and by-id links). */
  syncDevices(instanceId: string, disks: readonly SandboxDisk[]): void {
    const dir = this.instanceDir(instanceId);
    const dev = join(dir, 'dev');
    const byId = join(dev, 'disk', 'by-id');
    for (const name of readdirSync(byId)) rmSync(join(byId, name), { force: true });
    for (const name of readdirSync(dev)) if (/^vd[a-z]$/.test(name)) rmSync(join(dev, name), { force: true });
    for (const disk of disks) {
      const state = disk.contents.drillDisk;
      const description = [
        '{',
        `  "diskId": "${disk.diskId}",`,
        `  "serial": "${disk.diskId.replace(/^d-/, '')}",`,
        `  "fsType": "${state === 'empty' ? '' : disk.contents.fsType}",`,
        `  "uuid": "${state === 'empty' ? '' : uuidOf(disk.diskId)}",`,
        `  "state": "${state}",`,
        `  "contents": "${this.contentsDir(disk)}"`,
        '}',
        '',
      ].join('\n');
      writeFileSync(join(dev, disk.guestDevice), description);
      symlinkSync(`../../${disk.guestDevice}`, join(byId, `virtio-${disk.diskId.replace(/^d-/, '')}`));
    }
  }

  /** What `mount` recorded in the instance's sandbox: one `DEV\tDIR\tOPTIONS` line per mount. */
  mountsLog(instanceId: string): string {
    if (!this.rootDir) return '';
    const file = join(this.rootDir, instanceId, 'mounts.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /**
   * Starts `script` with bash in the instance's sandbox, in its own process group (so that a timeout kills the whole
   * tree), stdout and stderr both into one file in the order written.
   */
  run(instanceId: string, invokeId: string, script: string): ScriptRun {
    const dir = this.instanceDir(instanceId);
    const file = join(dir, 'run', `${invokeId}.sh`);
    writeFileSync(file, rewriteScript(script, dir));
    const outputFile = join(dir, 'run', `${invokeId}.out`);
    const fd = openSync(outputFile, 'w');
    try {
      const child = spawn('bash', [file], {
        cwd: join(dir, 'root'),
        detached: true,
        stdio: ['ignore', fd, fd],
        env: {
          PATH: `${join(dir, 'bin')}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`,
          HOME: join(dir, 'root'),
          USER: 'root',
          LOGNAME: 'root',
          LANG: 'C.UTF-8',
          TMPDIR: join(dir, 'tmp'),
        },
      });
      return { child, outputFile };
    } finally {
      closeSync(fd);
    }
  }

  /** The output so far, with the sandbox folder shown as the instance's `/` (as a chroot would show it). */
  output(instanceId: string, outputFile: string): Buffer {
    if (!existsSync(outputFile)) return Buffer.alloc(0);
    const dir = join(this.root, instanceId);
    const text = readFileSync(outputFile);
    return text.includes(dir) ? Buffer.from(text.toString('latin1').split(dir).join(''), 'latin1') : text;
  }

  dispose(): void {
    if (this.rootDir) rmSync(this.rootDir, { recursive: true, force: true, maxRetries: 3 });
    this.rootDir = undefined;
  }
}

/** The kernel simulation's only change to a script: `/dev/disk/by-id/` points into the sandbox. */
export function rewriteScript(script: string, sandboxDir: string): string {
  return script.split(BY_ID_PREFIX).join(`${sandboxDir}${BY_ID_PREFIX}`);
}
