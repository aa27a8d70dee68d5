import * as assert from 'node:assert/strict';
import { EbsError } from '../../../src/ebs/errors';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../../../src/ebs/types';
import { ReplicationExplorer, type ExplorerClient } from '../../../src/replication/explorer';
import { ProfileForest, shownProfiles, type TreeRef } from '../../../src/replication/profileForest';
import { ENGLISH } from '../../../src/replication/text';
import { NOW, samplePair } from '../support/samples';

/** One account's view of the API: the same pair may be seen by two accounts; `refused` answers like an expired STS token. */
class AccountApi implements ExplorerClient {
  constructor(
    private readonly pairs: ReplicaPair[],
    private readonly refused = false,
  ) {}
  async listReplicaPairs(regionId: string): Promise<ReplicaPair[]> {
    if (this.refused) throw new EbsError({ code: 'InvalidSecurityToken.Expired', message: 'Specified SecurityToken is expired.', httpStatus: 400, requestId: 'REQ-EXP-1' });
    return this.pairs.filter((p) => p.sourceRegionId === regionId || p.destinationRegionId === regionId);
  }
  async listReplicaGroups(): Promise<ReplicaGroup[]> {
    return [];
  }
  async describePairDrills(): Promise<PairDrill[]> {
    return [];
  }
  async describeReplicaGroupDrills(): Promise<GroupDrill[]> {
    return [];
  }
}

function explorerFor(profileId: string, api: ExplorerClient, regions: string[]): ReplicationExplorer {
  const explorer = new ReplicationExplorer({ localiser: ENGLISH, now: () => NOW, profileId });
  explorer.setSource(api, regions);
  return explorer;
}

async function lines(forest: ProfileForest): Promise<string[]> {
  const out: string[] = [];
  const visit = async (ref: TreeRef | undefined, depth: number): Promise<void> => {
    for (const child of await forest.children(ref)) {
      const p = forest.present(child);
      out.push(`${'  '.repeat(depth)}${p.label}${p.description ? ` — ${p.description}` : ''} [${p.contextValue}] ${p.id}`);
      if (p.collapsible !== 'none') await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
  return out;
}

describe('replication/profileForest', () => {
  const pair = samplePair({ pairId: 'pair-cn-shared', name: 'orders-db', sourceRegionId: 'cn-hangzhou', destinationRegionId: 'cn-shanghai' });

  it('shows one root per profile, each with its own regions; the same pair gets a distinct, stable id under each profile', async () => {
    const single = new ReplicationExplorer({ localiser: ENGLISH, now: () => NOW });
    const forest = new ProfileForest(single, ENGLISH);
    const prod = explorerFor('p-prod', new AccountApi([pair]), ['cn-hangzhou']);
    const dr = explorerFor('p-dr', new AccountApi([pair]), ['cn-shanghai']);
    forest.setProfiles([
      { profileId: 'p-prod', profileName: 'prod', active: true, explorer: prod },
      { profileId: 'p-dr', profileName: 'dr-account', active: false, explorer: dr },
    ]);
    const tree = await lines(forest);
    assert.equal(tree[0], 'prod — active profile [profile] profile/p-prod');
    assert.ok(tree.includes('dr-account [profile] profile/p-dr'), tree.join('\n'));
    const pairLines = tree.filter((l) => l.includes('orders-db'));
    assert.equal(pairLines.length, 2, tree.join('\n'));
    assert.match(pairLines[0] ?? '', /profile\/p-prod\/.*pair-cn-shared$/);
    assert.match(pairLines[1] ?? '', /profile\/p-dr\/.*pair-cn-shared$/);
    // Every node under a profile carries it (calls use that profile), and its parent chain ends at the profile root.
    const region = (await forest.children(forest.profileRef('p-dr')))[0];
    assert.ok(region && region.kind === 'region');
    assert.equal(region.profileId, 'p-dr');
    assert.equal(forest.parent(region)?.id, 'profile/p-dr');
    assert.equal(forest.explorerOf(region), dr);
    // Stable: a reload hands out the same node objects.
    await dr.loadAll();
    assert.equal((await forest.children(forest.profileRef('p-dr')))[0], region);
  });

  it('a profile that cannot be used shows one error node and does not spoil the others', async () => {
    const forest = new ProfileForest(new ReplicationExplorer({ localiser: ENGLISH }), ENGLISH);
    const prod = explorerFor('p-prod', new AccountApi([pair]), ['cn-hangzhou']);
    forest.setProfiles([
      { profileId: 'p-prod', profileName: 'prod', active: true, explorer: prod },
      {
        profileId: 'p-old',
        profileName: 'old',
        active: false,
        problem: { kind: 'secretMissing', text: 'The AccessKey secret of the profile "old" is missing from SecretStorage.', remedies: ['reenterSecret', 'switchProfile'] },
      },
    ]);
    const tree = await lines(forest);
    assert.ok(tree.includes('old [profile.unusable] profile/p-old'), tree.join('\n'));
    assert.ok(
      tree.includes('  Cannot use this profile: The AccessKey secret of the profile "old" is missing from SecretStorage. [profileProblem.secretMissing] profile/p-old/problem/secretMissing'),
      tree.join('\n'),
    );
    // The ways out are rows under the problem, so they are visible without a menu.
    assert.ok(tree.includes('    Re-enter Secret [profileRemedy.reenterSecret] profile/p-old/problem/secretMissing/reenterSecret'), tree.join('\n'));
    assert.ok(tree.includes('    Switch Profile [profileRemedy.switchProfile] profile/p-old/problem/secretMissing/switchProfile'), tree.join('\n'));
    assert.ok(tree.some((l) => l.includes('orders-db')));
  });

  it('without side by side, an active profile that cannot be used replaces the regions with its problem and ways out, and gives them back', async () => {
    const plain = new ReplicationExplorer({ localiser: ENGLISH, now: () => NOW });
    plain.setSource(new AccountApi([pair]), ['cn-hangzhou']);
    const forest = new ProfileForest(plain, ENGLISH);
    let redraws = 0;
    forest.onDidChange(() => redraws++);
    forest.setActiveProblem({
      profileId: 'environment',
      profileName: 'Environment',
      problem: { kind: 'environmentInvalid', text: 'The Environment profile cannot be used: the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is wrong.', remedies: ['addProfile', 'importAliyunCli', 'switchProfile', 'viewLogs'] },
    });
    assert.equal(redraws, 1);
    assert.deepEqual(await lines(forest), [
      'Cannot use the profile "Environment" [profileProblem.environmentInvalid] profile/environment/problem/environmentInvalid',
      '  Add AccessKey Profile [profileRemedy.addProfile] profile/environment/problem/environmentInvalid/addProfile',
      '  Import from aliyun CLI [profileRemedy.importAliyunCli] profile/environment/problem/environmentInvalid/importAliyunCli',
      '  Switch Profile [profileRemedy.switchProfile] profile/environment/problem/environmentInvalid/switchProfile',
      '  Show Logs [profileRemedy.viewLogs] profile/environment/problem/environmentInvalid/viewLogs',
    ]);
    const problem = forest.roots()[0];
    assert.match((problem && forest.present(problem).tooltip) ?? '', /: The Environment profile cannot be used: the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is wrong\.$/);
    const remedy = (await forest.children(problem))[0];
    assert.equal(remedy && forest.parent(remedy)?.id, 'profile/environment/problem/environmentInvalid');
    forest.setActiveProblem(undefined);
    assert.deepEqual((await forest.children(undefined)).map((r) => r.id), ['region/cn-hangzhou']);
  });

  it('an explorer tells when every region refused the credentials (expired STS token), not when one region failed otherwise', async () => {
    const refused = explorerFor('p-sts', new AccountApi([pair], true), ['cn-hangzhou', 'cn-shanghai']);
    await refused.loadAll();
    assert.ok(refused.refusedError() instanceof EbsError);
    const fine = explorerFor('p-prod', new AccountApi([pair]), ['cn-hangzhou']);
    await fine.loadAll();
    assert.equal(fine.refusedError(), undefined);
  });

  it('without side by side the tree is the single explorer, ids unprefixed as before', async () => {
    const single = explorerFor('ignored', new AccountApi([pair]), ['cn-hangzhou']);
    const plain = new ReplicationExplorer({ localiser: ENGLISH, now: () => NOW });
    plain.setSource(new AccountApi([pair]), ['cn-hangzhou']);
    const forest = new ProfileForest(plain, ENGLISH);
    assert.deepEqual((await forest.children(undefined)).map((r) => r.id), ['region/cn-hangzhou']);
    assert.notEqual(single.roots()[0]?.id, 'region/cn-hangzhou');
  });

  it('picks the profiles named in ebsDr.treeProfiles, or every profile when none is named', () => {
    const profiles = [
      { id: 'a', name: 'prod', active: true },
      { id: 'b', name: 'staging', active: false },
      { id: 'environment', name: 'Environment', active: false },
    ];
    assert.deepEqual(shownProfiles(profiles, []).map((p) => p.name), ['prod', 'staging', 'Environment']);
    assert.deepEqual(shownProfiles(profiles, ['Environment', 'prod', 'gone']).map((p) => p.name), ['prod', 'Environment']);
    assert.deepEqual(shownProfiles(profiles, undefined).length, 3);
  });
});
