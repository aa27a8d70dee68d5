// Stands in for the `debug` package in the bundle (alias in scripts/bundle-stubs.json). httpx and
// @alicloud/credentials log through it when the DEBUG environment variable names them; their output would go to the
// extension host's stderr and includes request headers and signing strings (the STS token among them). The
// extension logs its calls itself (src/ebs/ui/callLog.ts), so every logger here is off. Also keeps `debug`,
// `supports-color`, `ms` and `has-flag` out of the bundle. Pure (no vscode import).

interface DisabledLogger {
  (...args: unknown[]): void;
  enabled: false;
}

function createDebug(): DisabledLogger {
  const logger = (() => undefined) as unknown as DisabledLogger;
  logger.enabled = false;
  return logger;
}

// The package's CommonJS shape: `require('debug')` is the factory itself.
export = createDebug;
