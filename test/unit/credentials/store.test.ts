import type { EbsCredentials } from '../../../src/ebs/types';
import * as assert from 'node:assert/strict';
import { METADATA_KEY, secretKeys } from '../../../src/credentials/profiles';
import { ProfileInputError, ProfileStore, SecretStoreError } from '../../../src/credentials/store';
import { MemoryMemento, MemorySecrets } from '../support/memoryStores';

const SECRET = 'CanarySecret0000000000000001';
const draft = (name: string, extra: Partial<{ securityToken: string; accessKeyId: string }> = {}) => ({
  name,
  accessKeyId: extra.accessKeyId ?? 'FAKEKEYID0000001',
  accessKeySecret: SECRET,
  securityToken: extra.securityToken ?? '',
  defaultRegionId: 'cn-shanghai',
});

describe('credentials: ProfileStore', () => {
  let secrets: MemorySecrets;
  let memento: MemoryMemento;
  let env: Record<string, string | undefined>;
  let store: ProfileStore;
  let ids: number;

  beforeEach(() => {
    secrets = new MemorySecrets();
    memento = new MemoryMemento();
    env = {};
    ids = 0;
    store = new ProfileStore(secrets, memento, () => env, () => `id${++ids}`);
  });

  it('has no profile and no connection at first', async () => {
    assert.deepEqual(store.list(), []);
    assert.equal(await store.current(), undefined);
  });

  it('adds a profile: secret in the secret store only, metadata in the memento, active', async () => {
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.add(draft('prod'));
    assert.equal(secrets.values.get(secretKeys('id1').secret), SECRET);
    assert.ok(!JSON.stringify(memento.values.get(METADATA_KEY)).includes(SECRET));
    assert.deepEqual(await store.current(), {
      profileId: 'id1',
      profileName: 'prod',
      defaultRegionId: 'cn-shanghai',
      credentials: { accessKeyId: 'FAKEKEYID0000001', accessKeySecret: SECRET },
      accessKeyId: 'FAKEKEYID0000001',
    });
    assert.ok(changes >= 1);
  });

  it('keeps STS tokens in the secret store and returns them with the connection', async () => {
    await store.add(draft('temp', { securityToken: 'FakeToken0001' }));
    assert.equal(store.list()[0]?.kind, 'sts');
    assert.equal(((await store.current())?.credentials as EbsCredentials | undefined)?.securityToken, 'FakeToken0001');
  });

  it('refuses duplicates and bad fields without saving anything', async () => {
    await store.add(draft('prod'));
    await assert.rejects(store.add(draft('PROD')), (e: unknown) => e instanceof ProfileInputError && e.field === 'name');
    await assert.rejects(store.add(draft('x', { accessKeyId: 'bad id' })), (e: unknown) => e instanceof ProfileInputError && e.field === 'accessKeyId');
    assert.equal(store.list().length, 1);
    assert.equal(secrets.values.size, 2); // prod's secret + the change signal
  });

  it('switches, survives a restart (new store over the same state) and removes with secrets', async () => {
    await store.add(draft('a'));
    await store.add(draft('b'));
    assert.equal(store.activeProfile()?.name, 'b');
    await store.setActive('id1');
    const restarted = new ProfileStore(secrets, memento, () => env);
    assert.equal(restarted.activeProfile()?.name, 'a');
    await restarted.remove('id1');
    assert.equal(secrets.values.has(secretKeys('id1').secret), false);
    assert.equal(restarted.activeProfile()?.name, 'b');
  });

  it('offers the Environment profile, used automatically only when nothing is stored', async () => {
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'FAKEENVKEYID0001';
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'FakeEnvSecret000000000000001';
    assert.equal(store.activeProfile()?.name, 'Environment');
    assert.equal(((await store.current())?.credentials as EbsCredentials | undefined)?.accessKeySecret, 'FakeEnvSecret000000000000001');
    await store.add(draft('prod'));
    assert.deepEqual(store.list().map((p) => [p.name, p.active, p.readOnly]), [
      ['prod', true, false],
      ['Environment', false, true],
    ]);
    await assert.rejects(store.remove('environment'), ProfileInputError);
    assert.ok(!JSON.stringify([...memento.values.values()]).includes('FakeEnvSecret'));
    assert.ok(![...secrets.values.values()].includes('FakeEnvSecret000000000000001'));
    // Re-read on every call: unsetting the variables removes the profile.
    await store.setActive('environment');
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    assert.deepEqual(store.list().map((p) => p.name), ['prod']);
    assert.equal(store.activeProfile()?.name, 'prod');
  });

  it('reports a secret deleted behind its back', async () => {
    await store.add(draft('prod'));
    secrets.values.delete(secretKeys('id1').secret);
    const resolved = await store.resolveActive();
    assert.equal(resolved.status, 'secretMissing');
    assert.equal(await store.current(), undefined);
    await store.replaceSecrets('id1', SECRET);
    assert.equal((await store.resolveActive()).status, 'ok');
  });

  it('recovers damaged metadata once and rewrites it', async () => {
    await store.add(draft('keep'));
    const raw = memento.values.get(METADATA_KEY) as { profiles: unknown[] };
    memento.values.set(METADATA_KEY, { ...raw, profiles: [...raw.profiles, { id: 'x', name: 5 }] });
    assert.deepEqual(store.list().map((p) => p.name), ['keep']);
    assert.deepEqual(store.takeRecovery(), { kept: 1, dropped: ['#2'] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(store.takeRecovery(), undefined);
  });

  it('turns secret store failures into coded errors without the secret', async () => {
    secrets.failing = true;
    await assert.rejects(store.add(draft('prod')), (e: unknown) => e instanceof SecretStoreError && e.operation === 'save' && !e.message.includes(SECRET));
    assert.deepEqual(store.list(), []);
  });

  it('fires onDidChange on refresh only when something visible changed', () => {
    let changes = 0;
    store.onDidChange(() => changes++);
    store.refresh();
    assert.equal(changes, 0);
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'FAKEENVKEYID0001';
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'FakeEnvSecret000000000000001';
    store.refresh();
    assert.equal(changes, 1);
  });
});
