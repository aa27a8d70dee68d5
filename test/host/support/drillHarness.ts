// Shared set-up of the drill host suites: the emulator on test/fixtures/scenarios/drill-basic.json (clock frozen near
// real time, so request signatures stay valid; tests move it with advance()), ebsDr.endpointTemplate and ebsDr.ecsEndpointTemplate pointing at it,
// the Environment profile with the given AccessKey, a scripted user and waits on conditions (never fixed sleeps).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrillsTestApi } from '../../../src/drills/ui/drills';
import type { EbsDrTestApi } from '../../../src/testApi';
import { regionChoiceKey } from '../../../src/regions/regionChoice';
import type { ReplicationTestApi } from '../../../src/replication/ui/replicationView';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../emulator';
import { activateExtension } from './extension';
import { ScriptedUserInput } from './scriptedInput';

export const DRILL_SCENARIO = join(__dirname, '../../../../test/fixtures/scenarios/drill-basic.json');
/** Pairs and a group whose drills end execute_failed, and a pair whose first clear ends clear_failed (see the fixture). */
export const DRILL_FAILURE_SCENARIO = join(__dirname, '../../../../test/fixtures/scenarios/drill-failures.json');

/** Extra accounts of the scenario (see the fixture). */
export const POOR_ACCOUNT = { id: 'DRILLPOORKEYID01', secret: 'DrillPoorSecret00000000000001' };
export const NO_SLR_ACCOUNT = { id: 'DRILLNOSLRKEYID01', secret: 'DrillNoSlrSecret0000000000001' };
export const DENIED_ACCOUNT = { id: 'DRILLDENYKEYID01', secret: 'DrillDenySecret00000000000001' };
export const DEMO = { id: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET };

/** A pair node as the Replication tree hands it to commands (its NodeRef). */
export function pairNode(regionId: string, pairId: string): { kind: 'pair'; id: string; regionId: string; pairId: string } {
  return { kind: 'pair', id: `region/${regionId}/pair/${pairId}`, regionId, pairId };
}

export function pairDrillNode(regionId: string, pairId: string, drillId: string): Record<string, string> {
  return { kind: 'pairDrill', id: `region/${regionId}/pair/${pairId}/drill/${drillId}`, regionId, pairId, drillId };
}

export function groupNode(regionId: string, groupId: string): Record<string, string> {
  return { kind: 'group', id: `region/${regionId}/group/${groupId}`, regionId, groupId };
}

export function groupDrillNode(regionId: string, groupId: string, drillId: string): Record<string, string> {
  return { kind: 'groupDrill', id: `region/${regionId}/group/${groupId}/drill/${drillId}`, regionId, groupId, drillId };
}

const ENV_KEYS = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_REGION_ID'] as const;

export class DrillHarness {
  input = new ScriptedUserInput();
  private savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>> = {};

  private constructor(
    readonly api: EbsDrTestApi,
    readonly drills: DrillsTestApi,
    readonly emulator: RunningEmulator,
  ) {}

  /**
   * `speed`: the emulator clock's speed (0: frozen, tests move it; 1: real time, for measured figures). `cadenceDays`:
   * ebsDr.drillIntervalDays for the suite; 0 (the default here) keeps the overdue marks and count out of suites about
   * something else (every pair of their scenarios was never drilled, so all would be overdue).
   */
  static async start(scenario = DRILL_SCENARIO, speed = 0, cadenceDays = 0): Promise<DrillHarness> {
    const api = await activateExtension();
    assert.ok(api.drills, 'the extension exposes the drill test API');
    const emulator = await startEmulator({ port: 0, scenario, speed });
    const harness = new DrillHarness(api, api.drills, emulator);
    for (const key of ENV_KEYS) harness.savedEnv[key] = process.env[key];
    await vscode.workspace.getConfiguration('ebsDr').update('endpointTemplate', emulator.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ebsDr').update('ecsEndpointTemplate', emulator.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ebsDr').update('drillIntervalDays', cadenceDays, vscode.ConfigurationTarget.Global);
    await harness.useAccount(DEMO);
    await harness.drills.reset();
    return harness;
  }

  /** Makes the Environment profile active with the given AccessKey. */
  async useAccount(account: { id: string; secret: string }): Promise<void> {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = account.id;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = account.secret;
    process.env.ALIBABA_CLOUD_REGION_ID = 'cn-hangzhou';
    this.api.credentials.store.refresh(true);
    await this.api.credentials.store.setActive('environment');
  }

  /** A fresh scripted user for the next test. */
  newUser(): ScriptedUserInput {
    this.input = new ScriptedUserInput();
    this.api.setUserInput(this.input);
    return this.input;
  }

  /** The Replication view with the Environment profile's default region (cn-hangzhou) as its only root, loaded. */
  async defaultRegionTree(): Promise<ReplicationTestApi> {
    const tree = this.api.replication;
    await this.api.globalState.update(regionChoiceKey('environment'), undefined);
    await vscode.commands.executeCommand('ebsDr.refresh');
    await tree.whenIdle();
    return tree;
  }

  async setConfirm(value: boolean | undefined): Promise<void> {
    await vscode.workspace.getConfiguration('ebsDr').update('confirmBeforeDrill', value, vscode.ConfigurationTarget.Global);
  }

  async pairDrills(pairId: string): Promise<Array<{ DrillId: string; Status: string; ClientToken: string; DrillDiskId?: string }>> {
    const state = await this.emulator.admin.state();
    return state.drills.filter((d) => d.Kind === 'pair' && d.PairId === pairId) as never;
  }

  async groupDrills(groupId: string): Promise<Array<{ DrillId: string; Status: string; ClientToken: string }>> {
    const state = await this.emulator.admin.state();
    return state.drills.filter((d) => d.Kind === 'group' && d.GroupId === groupId) as never;
  }

  async requests(action: string): Promise<Array<{ requestId: string; regionId: string | null; params: Record<string, string>; status: number; code: string | null }>> {
    return (await this.emulator.admin.requests()).filter((r) => r.action === action);
  }

  async stop(): Promise<void> {
    await this.drills.reset();
    await vscode.workspace.getConfiguration('ebsDr').update('endpointTemplate', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ebsDr').update('ecsEndpointTemplate', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('ebsDr').update('drillIntervalDays', undefined, vscode.ConfigurationTarget.Global);
    await this.setConfirm(undefined);
    for (const key of ENV_KEYS) {
      if (this.savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = this.savedEnv[key];
    }
    this.api.credentials.store.refresh(true);
    await this.emulator.close();
  }
}

/** Polls `probe` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
