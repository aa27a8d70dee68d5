// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It starts code-server, opens the workbench in headless chromium with the extension-development
// payload, relays the test output and exits with the code the workbench reports.
import { format } from 'node:util';
import { startCodeServer, ToolsMissingError, type CodeServer } from './codeServer';
import { launchBrowser, type Browser } from './browser';

const EXIT_USAGE = 64;
const EXIT_TOOLS_MISSING = 69;
const EXIT_RUNNER_ERROR = 70;
const EXIT_TIMEOUT = 124;

interface LauncherArgs {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  workspace?: string;
}

export function parseLauncherArgs(argv: string[]): LauncherArgs {
  const parsed: LauncherArgs = { extensionDevelopmentPaths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? argv[++i];
    switch (flag) {
      case '--extensionDevelopmentPath': parsed.extensionDevelopmentPaths.push(value()); break;
      case '--extensionTestsPath': parsed.extensionTestsPath = value(); break;
      case '--user-data-dir': parsed.userDataDir = value(); break;
      case '--extensions-dir': parsed.extensionsDir = value(); break;
      default:
        if (!arg.startsWith('-')) {
          parsed.workspace = arg;
        }
    }
  }
  return parsed;
}

// Workbench chatter that says nothing about the tests; shown with EBS_DR_VERBOSE=1.
const NOISE = [
  'ChatModelSelection', '[AgentHost', 'AccountPolicyGate', 'Creating a socket', 'connection token', 'reconnection-grace-time',
  'Service Worker', 'builtin extensions cache', 'ENOTFOUND', 'Canceled', 'workbench.js', 'Failed to load resource',
  'Ignoring the error while validating workspace folder', 'An iframe which has both allow-scripts',
];

export async function main(argv: string[]): Promise<number> {
  const args = parseLauncherArgs(argv);
  if (args.extensionDevelopmentPaths.length === 0 || !args.extensionTestsPath) {
    console.error('usage: vscode-launcher --extensionDevelopmentPath=DIR --extensionTestsPath=MODULE [--user-data-dir=DIR] [--extensions-dir=DIR] [WORKSPACE]');
    return EXIT_USAGE;
  }
  const verbose = process.env.EBS_DR_VERBOSE === '1';
  const timeoutMs = Number(process.env.EBS_DR_TEST_TIMEOUT_MS ?? 600_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  let exitCode = EXIT_RUNNER_ERROR;

  const finish = async (): Promise<void> => {
    await browser?.close();
    if (server) {
      if (exitCode !== 0) {
        console.error(`--- last lines of the code-server log (${server.logFile}) ---\n${server.logTail()}`);
      }
      await server.stop();
    }
  };

  try {
    server = await startCodeServer({
      workspace: args.workspace ?? process.cwd(),
      userDataDir: args.userDataDir,
      extensionsDir: args.extensionsDir,
      smokeTestDriver: true,
      keepTemp: process.env.EBS_DR_KEEP_TEMP === '1',
    });
    const remote = (path: string): string => `vscode-remote://127.0.0.1:${server?.port}${path}`;
    const payload = [
      ...args.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(args.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const folder = args.workspace ? `folder=${encodeURIComponent(args.workspace)}` : 'ew=true';
    const url = `${server.url}/?${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const reported = new Promise<number>((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      const counts = /^\s*(\d+) (passing|failing)/.exec(text);
      if (counts) {
        if (counts[2] === 'passing') passed = Number(counts[1]);
        else failed = Number(counts[1]);
      }
      if (!verbose && NOISE.some((n) => text.includes(n))) {
        return;
      }
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolveTimeout) => {
      timer = setTimeout(() => {
        console.error(`vscode-launcher: the tests did not finish within ${timeoutMs} ms`);
        resolveTimeout(EXIT_TIMEOUT);
      }, timeoutMs);
    });
    await page.goto(url);
    exitCode = await Promise.race([reported, timedOut, interrupted]);
    clearTimeout(timer);
  } catch (error) {
    exitCode = error instanceof ToolsMissingError ? EXIT_TOOLS_MISSING : EXIT_RUNNER_ERROR;
    console.error(`vscode-launcher: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  } finally {
    await finish();
  }
  if (exitCode !== 0 && failed === 0 && passed === 0) {
    failed = 1; // The run itself failed: count it, so the summary cannot read as green.
  }
  console.log(`vscode-test: ${passed} passed, ${failed} failed`);
  return exitCode;
}

// SIGINT/SIGTERM end the run through main()'s normal clean-up, with the conventional exit codes.
const interrupted = new Promise<number>((resolveSignal) => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(code), 10_000).unref(); // In case clean-up hangs.
      resolveSignal(code);
    });
  }
});

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    console.error(error);
    process.exit(EXIT_RUNNER_ERROR);
  });
}
