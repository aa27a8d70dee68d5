// Scenario validation, defaults, the demo scenario, fixtures and the generator.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, DEMO_SCENARIO, generateScenario, normalizeScenario, ScenarioError, startEmulator } from '../../emulator/index';
import { call, makeClient } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'scenarios');
const NOW = Date.parse('2026-01-01T00:10:00Z') / 1000;

function issues(input: unknown): string[] {
  try {
    normalizeScenario(input, NOW);
  } catch (e) {
    assert.ok(e instanceof ScenarioError);
    return e.issues;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario', () => {
  it('fills sensible defaults from the three required pair fields', () => {
    const s = normalizeScenario({ ReplicaPairs: [{ ReplicaPairId: 'pair-x', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' }] }, NOW);
    const p = s.ReplicaPairs[0];
    assert.equal(p.Status, 'normal');
    assert.equal(p.RPO, 900);
    assert.equal(p.LastRecoverPoint, NOW - (NOW % 900));
    assert.match(p.SourceZoneId, /^cn-hangzhou-/);
    assert.match(p.DestinationDiskId, /^d-[a-z0-9]{20}$/);
    assert.equal(p.PrimaryRegion, 'cn-hangzhou');
    assert.equal(p.StandbyRegion, 'cn-shanghai');
    assert.equal(p.ChargeType, 'POSTPAY');
    assert.equal(s.Accounts[0].AccessKeyId, DEMO_ACCESS_KEY_ID);
    assert.ok(s.Regions.length >= 30);
    assert.equal(s.DrillSeconds, 30);
    assert.equal(s.ClearSeconds, 10);
  });

  it('reports every problem with its path', () => {
    const found = issues({
      Regions: [{ RegionId: 'cn-hangzhou', Zones: [{ ZoneId: 'cn-hangzhou-h' }] }, { RegionId: 'cn-hangzhou' }],
      ReplicaPairs: [
        { ReplicaPairId: 'pair-ok', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-atlantis' },
        { SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-hangzhou' },
        { ReplicaPairId: 'disk-1', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-hangzhou', Status: 'happy', RPO: 'fast' },
        { ReplicaPairId: 'pair-ok', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-z', ReplicaGroupId: 'pg-missing' },
        'not an object',
      ],
      ReplicaGroups: [{ ReplicaGroupId: 'pg-1', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-hangzhou', PairIds: ['pair-ghost'] }],
      Accounts: [{ AccessKeyId: 'A' }],
      DrillSeconds: -1,
      Surprise: true,
    });
    const expect = [
      'Regions[1].RegionId: duplicate "cn-hangzhou"',
      'ReplicaPairs[0].DestinationRegion: unknown region "cn-atlantis" (not in Regions)',
      'ReplicaPairs[1].ReplicaPairId: required',
      'ReplicaPairs[2].ReplicaPairId: must look like pair-xxxx',
      'ReplicaPairs[2].Status: unknown status "happy"',
      'ReplicaPairs[2].RPO: must be an integer >= 1',
      'ReplicaPairs[3].ReplicaPairId: duplicate "pair-ok"',
      'ReplicaPairs[3].SourceZoneId: unknown zone "cn-hangzhou-z"',
      'ReplicaPairs[3].ReplicaGroupId: unknown group "pg-missing"',
      'ReplicaPairs[4]: must be an object',
      'ReplicaGroups[0].PairIds: unknown pair "pair-ghost"',
      'Accounts[0].AccessKeySecret: required',
      'scenario.DrillSeconds: must be an integer >= 0',
      'Surprise: unknown top-level field',
    ];
    for (const e of expect) assert.ok(found.some((i) => i.startsWith(e)), `missing issue "${e}" in:\n${found.join('\n')}`);
    assert.deepEqual(issues('[]'), ['the scenario must be a JSON object']);
    assert.deepEqual(issues(null), ['the scenario must be a JSON object']);
  });

  it('gives accounts, pairs and groups the demo account by default, and the first account owns unowned pairs', () => {
    const s = normalizeScenario({ ReplicaPairs: [{ ReplicaPairId: 'pair-x', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' }] }, NOW);
    assert.deepEqual(s.Accounts.map((a) => [a.AccountId, a.Type]), [[DEMO_ACCOUNT_ID, 'RAMUser'], [DEMO_ACCOUNT_ID, 'RAMUser']]);
    assert.deepEqual(s.Owners, { 'pair-x': DEMO_ACCOUNT_ID });
    assert.deepEqual(s.Roles, []);
    const other = normalizeScenario(
      {
        Accounts: [{ AccessKeyId: 'EBSDRPRODKEY0001', AccessKeySecret: 'EBSDRProdSecret0000000000001', AccountId: '1739254086150327', UserName: 'sre' }],
        Roles: [{ RoleName: 'EbsDrOperator', AccountId: '1739254086150327', TrustedAccountIds: ['1739254086150327'] }],
        InstanceRamRole: 'ebsdroperator',
        ReplicaPairs: [{ ReplicaPairId: 'pair-x', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' }],
      },
      NOW,
    );
    assert.deepEqual(other.Owners, { 'pair-x': '1739254086150327' });
    assert.equal(other.Roles[0].Arn, 'acs:ram::1739254086150327:role/ebsdroperator');
    assert.equal(other.Roles[0].MaxSessionDuration, 3600);
    assert.match(other.Roles[0].RoleId, /^\d{16}$/);
    assert.equal(other.InstanceRamRole?.RoleName, 'EbsDrOperator');
  });

  it('reports bad accounts, roles, owners and InstanceRamRole with their paths', () => {
    const found = issues({
      Accounts: [
        { AccessKeyId: 'EBSDRKEY0001', AccessKeySecret: 'EBSDRSecret000000000000000001', AccountId: '15820467' },
        { AccessKeyId: 'EBSDRKEY0002', AccessKeySecret: 'EBSDRSecret000000000000000002', Type: 'Root' },
        { AccessKeyId: 'EBSDRKEY0003', AccessKeySecret: 'EBSDRSecret000000000000000003', Type: 'Account', SecurityTokens: ['CAIS'] },
      ],
      Roles: [
        { RoleName: 'ops/admin', AccountId: '1739254086150327', TrustedAccountIds: ['1204786395521846', 'dev'], MaxSessionDuration: 900 },
        { RoleName: 'EbsDrOperator', AccountId: '1739254086150327', MaxSessionDuration: 50000, Trust: [] },
        { RoleName: 'ebsdroperator', AccountId: '1739254086150327' },
        { AccountId: '17392540' },
      ],
      InstanceRamRole: 'NoSuchRole',
      ReplicaGroups: [{ ReplicaGroupId: 'pg-1', AccountId: '1739254086150327', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai' }],
      ReplicaPairs: [
        { ReplicaPairId: 'pair-1', AccountId: '1947301582264719', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' },
        { ReplicaPairId: 'pair-2', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-1' },
      ],
    });
    const expect = [
      'Accounts[0].AccountId: must be 16 digits',
      'Accounts[1].Type: unknown type "Root"',
      'Accounts[2].SecurityTokens: a root account key',
      'Roles[0].RoleName: must be 1-64 letters',
      'Roles[0].TrustedAccountIds: must be 16-digit account ids, got "dev"',
      'Roles[0].MaxSessionDuration: must be 3600-43200, got 900',
      'Roles[1].MaxSessionDuration: must be 3600-43200, got 50000',
      'Roles[1].Trust: unknown field',
      'Roles[2].RoleName: duplicate role "ebsdroperator"',
      'Roles[3].RoleName: required',
      'Roles[3].AccountId: must be 16 digits',
      'Roles[0].TrustedAccountIds: unknown account "1204786395521846"',
      'InstanceRamRole: unknown role "NoSuchRole"',
      'ReplicaPairs[0].AccountId: unknown account "1947301582264719"',
      'ReplicaPairs[1].AccountId: pair owner',
    ];
    for (const e of expect) assert.ok(found.some((i) => i.startsWith(e)), `missing issue "${e}" in:\n${found.join('\n')}`);
  });

  it('startEmulator rejects invalid scenarios and unreadable files with ScenarioError', async () => {
    await assert.rejects(startEmulator({ scenario: join(FIXTURES, 'invalid-unknown-region.json') }), (e: Error) => e instanceof ScenarioError && /cn-atlantis/.test(e.message) && /ReplicaPairId: required/.test(e.message));
    await assert.rejects(startEmulator({ scenario: join(FIXTURES, 'does-not-exist.json') }), (e: Error) => e instanceof ScenarioError && /cannot read/.test(e.message));
    await assert.rejects(startEmulator({ scenario: join(__dirname, 'scenario.test.js') }), (e: Error) => e instanceof ScenarioError && /not valid JSON/.test(e.message));
  });

  it('loads a scenario file', async () => {
    const emu = await startEmulator({ scenario: join(FIXTURES, 'minimal.json') });
    try {
      const client = makeClient(emu.endpoint, { accessKeyId: 'MINIMALKEYID01', accessKeySecret: 'MinimalSecret0000000000001' });
      const pairs = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai' })).body.ReplicaPairs as Array<Record<string, unknown>>;
      assert.deepEqual(pairs.map((p) => p.ReplicaPairId), ['pair-min-01', 'pair-min-02', 'pair-min-03']);
      assert.equal(((await call(client, 'DescribeRegions')).body.Regions as unknown[]).length, 2);
    } finally {
      await emu.close();
    }
  });

  it('the demo scenario is rich, valid, and matches its JSON fixture', () => {
    assert.deepEqual(JSON.parse(readFileSync(join(FIXTURES, 'demo.json'), 'utf8')), DEMO_SCENARIO);
    const s = normalizeScenario(DEMO_SCENARIO, NOW);
    const statuses = new Set(s.ReplicaPairs.map((p) => p.Status));
    for (const st of ['normal', 'syncing', 'created', 'initial_syncing', 'stopped', 'failovered', 'invalid']) assert.ok(statuses.has(st as never), st);
    assert.ok(s.ReplicaPairs.some((p) => p.LastRecoverPoint === null));
    const regions = new Set(s.ReplicaPairs.flatMap((p) => [p.SourceRegion, p.DestinationRegion]));
    for (const r of ['cn-hangzhou', 'cn-shanghai', 'cn-beijing']) assert.ok(regions.has(r));
    assert.ok(s.ReplicaPairs.some((p) => p.SourceRegion === 'cn-hangzhou' && p.DestinationRegion === 'cn-shanghai'));
    assert.ok(s.ReplicaPairs.some((p) => p.SourceRegion === 'cn-shanghai' && p.DestinationRegion === 'cn-hangzhou'));
    assert.equal(s.ReplicaGroups.length, 2);
    assert.ok(s.ReplicaGroups.every((g) => g.PairIds.length >= 2));
    assert.ok(s.Regions.length > 3);
    assert.ok(/^[A-Za-z0-9]+$/.test(DEMO_ACCESS_KEY_ID) && !DEMO_ACCESS_KEY_ID.startsWith('LTAI'));
    assert.ok(/^[A-Za-z0-9]+$/.test(DEMO_ACCESS_KEY_SECRET));
  });

  it('generates big scenarios', () => {
    const g = generateScenario({ regions: 35, pairsPerRegion: 20, groupsPerRegion: 1, statuses: ['normal', 'stopped'] });
    const s = normalizeScenario(g, NOW);
    assert.equal(s.Regions.length, 35);
    assert.equal(s.ReplicaPairs.length, 700);
    assert.equal(s.ReplicaGroups.length, 35);
    assert.ok(s.ReplicaGroups.every((group) => group.PairIds.length === 17));
    assert.deepEqual([...new Set(s.ReplicaPairs.map((p) => p.Status))].sort(), ['normal', 'stopped']);
  });
});
