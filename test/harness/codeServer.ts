// Starts a throw-away code-server (the real VS Code server) on 127.0.0.1, run by the private Node 24.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, missingTools, node24Path } from './paths';
import { freePort, killGroup, waitFor } from './processes';

export interface CodeServerOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  userDataDir?: string;
  extensionsDir?: string;
  /** VSIX files installed into the extensions dir before the server starts. */
  installVsix?: string[];
  /** User settings written before start (settings.json in the user-data dir). */
  settings?: Record<string, unknown>;
  /** Extra environment for the server, and so for the extension host. */
  env?: Record<string, string>;
  /** Lets the workbench honour extension-development/test payloads (needed by the launcher). */
  smokeTestDriver?: boolean;
  /** Keep the temp dir after stop (for diagnosis). */
  keepTemp?: boolean;
  /** Fixed port (0 or absent: a free one). */
  port?: number;
  /** More code-server arguments, e.g. ['--locale', 'zh-cn']. */
  extraArgs?: string[];
}

export interface CodeServer {
  url: string;
  port: number;
  tempDir: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** The last lines of the server log, for failure reports. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export class ToolsMissingError extends Error {}

function serverEnv(tempDir: string, extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const xdg = join(tempDir, 'xdg');
  for (const sub of ['config', 'data', 'cache', 'tmp']) {
    mkdirSync(join(xdg, sub), { recursive: true });
  }
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    TMPDIR: join(xdg, 'tmp'),
    ...extra,
  };
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolveHealth) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolveHealth(res.statusCode === 200);
    });
    req.on('error', () => resolveHealth(false));
    req.on('timeout', () => {
      req.destroy();
      resolveHealth(false);
    });
    req.end();
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const missing = missingTools();
  if (missing.length > 0) {
    throw new ToolsMissingError(`Offline VS Code tools are missing (${missing.join(', ')}). Run: bash scripts/setup-vscode-offline.sh`);
  }
  const tempDir = mkdtempSync(join(process.env.EBS_DR_TEMP_PARENT ?? tmpdir(), 'ebs-dr-cs-'));
  const userDataDir = options.userDataDir ?? join(tempDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(tempDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (options.settings) {
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
  }
  const env = serverEnv(tempDir, options.env);
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.installVsix ?? []) {
    const result = spawnSync(node24Path, [codeServerEntry, ...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8' });
    if (result.status !== 0) {
      rmSync(tempDir, { recursive: true, force: true });
      throw new Error(`Installing ${vsix} into code-server failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  }

  const port = options.port || (await freePort());
  const logFile = join(tempDir, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...common,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.extraArgs ?? []),
    options.workspace,
  ];
  const child = spawn(node24Path, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code-server exited early (${code ?? signal})`;
  });

  const logTail = (lines = 30): string => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    await killGroup(child);
    if (!options.keepTemp) {
      rmSync(tempDir, { recursive: true, force: true });
    }
  };

  try {
    await waitFor('code-server /healthz', async () => {
      if (exited) {
        throw new Error(`${exited}\n${logTail()}`);
      }
      return healthy(port);
    }, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, tempDir, userDataDir, extensionsDir, logFile, logTail, stop };
}
