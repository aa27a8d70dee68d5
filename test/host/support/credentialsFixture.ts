// Shared set-up for the credentials host suites: an in-process emulator (the stand-in for Alibaba Cloud) with
// extra accounts, the endpoint setting pointing at it, a clean profile store, and the environment restored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EbsDrTestApi } from '../../../src/testApi';
import { DEMO_SCENARIO, startEmulator, type RunningEmulator, type ScenarioAccount, type ScenarioRole } from '../../emulator/index';
import { activateExtension } from './extension';
import { ScriptedUserInput } from './scriptedInput';

export const LIMITED_ACCOUNT: ScenarioAccount = { AccessKeyId: 'LIMITEDKEYID0001', AccessKeySecret: 'LimitedSecret0000000000001', DeniedActions: ['DescribeDiskReplicaPairs', 'DescribeDiskReplicaGroups'] };

export const CREDENTIAL_ENV = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_PROFILE'];

export interface CredentialsFixture {
  api: EbsDrTestApi;
  emulator: RunningEmulator;
  /** A fresh scripted user, installed as the extension's UserInput. */
  user(): ScriptedUserInput;
  /** Removes every stored profile (through the store, so secrets go too) and restores environment and settings. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The throw-away certificate the test runner made (scripts/test-certificate.mjs); this process trusts it. */
export function testTls(): { key: string; cert: string } {
  const dir = process.env.EBS_DR_TEST_TLS_DIR;
  if (!dir) throw new Error('EBS_DR_TEST_TLS_DIR is not set: run the host tests through scripts/test.mjs or scripts/run-host-tests.mjs');
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

/** With `roles`, the emulator also serves STS on HTTPS and ebsDr.stsEndpoint points there. */
export async function setUpCredentials(extraAccounts: ScenarioAccount[] = [], roles?: ScenarioRole[]): Promise<CredentialsFixture> {
  const api = await activateExtension();
  const emulator = await startEmulator({
    port: 0,
    scenario: { ...DEMO_SCENARIO, Accounts: [...(DEMO_SCENARIO.Accounts ?? []), LIMITED_ACCOUNT, ...extraAccounts], ...(roles ? { Roles: roles } : {}) },
    ...(roles ? { tls: testTls() } : {}),
  });
  if (roles) await vscode.workspace.getConfiguration('ebsDr').update('stsEndpoint', emulator.httpsEndpoint, vscode.ConfigurationTarget.Global);
  const savedEnv = new Map(CREDENTIAL_ENV.map((name) => [name, process.env[name]]));
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ebsDr');
  const setEndpoint = async (): Promise<void> => {
    await config().update('endpointTemplate', emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('ecsEndpointTemplate', emulator.url, vscode.ConfigurationTarget.Global);
  };
  await setEndpoint();
  const fixture: CredentialsFixture = {
    api,
    emulator,
    user() {
      const input = new ScriptedUserInput();
      api.setUserInput(input);
      return input;
    },
    async reset() {
      for (const name of CREDENTIAL_ENV) delete process.env[name];
      const store = api.credentials.store;
      for (const profile of store.list().filter((p) => !p.readOnly)) await store.remove(profile.id);
      store.refresh(true);
      await api.credentials.idle();
      await emulator.admin.clearFaults();
      await setEndpoint();
      await config().update('aliyunCliConfigPath', undefined, vscode.ConfigurationTarget.Global);
    },
    async close() {
      await fixture.reset();
      for (const [name, value] of savedEnv) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await config().update('endpointTemplate', undefined, vscode.ConfigurationTarget.Global);
      await config().update('ecsEndpointTemplate', undefined, vscode.ConfigurationTarget.Global);
      await config().update('stsEndpoint', undefined, vscode.ConfigurationTarget.Global);
      await emulator.close();
    },
  };
  await fixture.reset();
  return fixture;
}

/** Waits until `check` returns true (no fixed sleeps). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
