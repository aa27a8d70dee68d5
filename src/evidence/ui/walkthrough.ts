// Sets the walkthrough's context keys (evidence/walkthrough.ts) from real state: at activation, and whenever the
// profiles, the region choices or the drill records change. The composition root wires it.
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../../credentials/connection';
import type { RecordSet } from '../recordSet';
import { WALKTHROUGH_CONTEXT_KEYS, walkthroughState, type WalkthroughStep } from '../walkthrough';

export interface WalkthroughDeps {
  globalState: vscode.Memento;
  connections: ConnectionProvider;
  records: RecordSet;
  /** Fires when a profile's region choice was written (Select Regions, Find Regions with Pairs). */
  onDidChooseRegions(listener: () => void): { dispose(): void };
}

export interface WalkthroughTestApi {
  /** The keys after computing them again from the state now (as the window's next focus would). */
  state(): Promise<Record<WalkthroughStep, boolean>>;
}

export class WalkthroughKeys implements vscode.Disposable {
  private readonly subscriptions: { dispose(): void }[];
  private last: Record<WalkthroughStep, boolean> | undefined;
  private computing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: WalkthroughDeps) {
    const update = (): void => void this.update();
    this.subscriptions = [
      deps.connections.onDidChange(update),
      deps.records.onDidChange(update),
      deps.onDidChooseRegions(update),
      // Another window may have chosen regions or run a drill meanwhile: look again when the user comes back.
      vscode.window.onDidChangeWindowState((state) => state.focused && update()),
    ];
    update();
  }

  /** Recomputes and sets the keys that changed (one computation after another). */
  update(): Promise<void> {
    this.computing = this.computing.then(() => this.compute()).catch(() => undefined);
    return this.computing;
  }

  private async compute(): Promise<void> {
    const { connections, globalState, records } = this.deps;
    const profiles = connections.profiles();
    const resolutions = await Promise.all(profiles.map((p) => connections.resolve(p.id).catch(() => undefined)));
    const next = walkthroughState({
      usableProfile: resolutions.some((r) => r?.status === 'ok'),
      globalState: globalState.keys().map((key) => [key, globalState.get(key)] as const),
      records: records.all(),
      profileIds: new Set(profiles.map((p) => p.id)),
    });
    for (const step of Object.keys(next) as WalkthroughStep[]) {
      if (this.last?.[step] === next[step]) continue;
      await vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT_KEYS[step], next[step]);
    }
    this.last = next;
  }

  testApi(): WalkthroughTestApi {
    return {
      state: async () => {
        await this.update();
        return { ...(this.last ?? { connected: false, regionsChosen: false, drilled: false, cleared: false }) };
      },
    };
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
