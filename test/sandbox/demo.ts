// npm run demo: code-server on 127.0.0.1 with the freshly packaged VSIX installed. Runs until Ctrl+C,
// then stops everything it started.
import { startCodeServer } from '../harness/codeServer';
import { vsixPath, workspacePath } from '../ui/workbench';

async function main(): Promise<void> {
  const port = Number(process.env.EBS_DR_DEMO_PORT ?? 8080);
  const server = await startCodeServer({
    workspace: workspacePath,
    installVsix: [vsixPath],
    port,
    settings: { 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never' },
  });
  console.log(`EBS DR demo: open ${server.url}/?folder=${encodeURIComponent(workspacePath)}`);
  console.log('Tour: click the EBS DR icon in the activity bar, then run "EBS DR: Start Pair Drill" from F1. Ctrl+C stops the demo.');
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
