import * as assert from 'node:assert/strict';
import { formatMessage } from '../../../src/ebs/catalogue';
import {
  FALLBACK_REGION_ID,
  METADATA_VERSION,
  parseIndex,
  serialiseIndex,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateProfileName,
  validateRegionId,
  validateSecurityToken,
  type StoredProfile,
} from '../../../src/credentials/profiles';

const text = (m: ReturnType<typeof validateAccessKeyId>): string | undefined => m && formatMessage(m);

const PROFILE: StoredProfile = { id: 'p1', name: 'prod', kind: 'accessKey', accessKeyId: 'FAKEKEYID0000001', defaultRegionId: 'cn-shanghai', origin: 'manual' };

describe('credentials: field validation', () => {
  it('profile names: empty, whitespace, reserved, duplicate (case-insensitive), control characters', () => {
    assert.equal(text(validateProfileName('', [])), 'Enter a profile name.');
    assert.equal(text(validateProfileName('   ', [])), 'Enter a profile name.');
    assert.match(text(validateProfileName('environment', [])) ?? '', /reserved/);
    assert.equal(text(validateProfileName(' Prod ', ['prod'])), 'A profile named "Prod" already exists: choose another name.');
    assert.match(text(validateProfileName('a\nb', [])) ?? '', /control character/);
    assert.equal(validateProfileName('dr-test', ['prod']), undefined);
  });

  it('AccessKey IDs: every real shape is accepted (permanent, STS.), only what no key can be is refused', () => {
    // Shapes Alibaba Cloud issues: permanent IDs of letters and digits, and STS IDs `STS.` + letters and digits.
    for (const id of ['FAKEKEYID0000001', 'STS.NSandboxEbsDr2Kd8Qm3Xv7Tp', 'STS.L4aBSCSJVMuKg5U1abcd', 'SHORT']) {
      assert.equal(validateAccessKeyId(id), undefined, id);
    }
    assert.equal(text(validateAccessKeyId(' ')), 'Enter the AccessKey ID.');
    assert.match(text(validateAccessKeyId('STS.FAKE KEY')) ?? '', /space or line break/);
    assert.match(text(validateAccessKeyId('STS.FAKE\nKEY')) ?? '', /space or line break/);
    assert.match(text(validateAccessKeyId('FAKEKEY\u00010001')) ?? '', /control or non-ASCII character \(at position 8\)/);
    assert.match(text(validateAccessKeyId('FAKEKEYé0001')) ?? '', /control or non-ASCII character \(at position 8\)/);
    assert.match(text(validateAccessKeyId('A'.repeat(129))) ?? '', /has 129 characters; AccessKey IDs have at most 128/);
    assert.equal(validateAccessKeyId('A'.repeat(128)), undefined);
  });

  it('AccessKey secrets: the same rule, rejected without ever quoting the value', () => {
    assert.equal(validateAccessKeySecret('Canary+Secret/0000000'), undefined);
    const problem = text(validateAccessKeySecret('Canary\u00e9Secret0000000')) ?? '';
    assert.match(problem, /position 7/);
    assert.ok(!problem.includes('Canary'));
    assert.match(text(validateAccessKeySecret('abc def ghi')) ?? '', /space or line break/);
    assert.match(text(validateAccessKeySecret('\t')) ?? '', /Enter the AccessKey secret/);
    assert.match(text(validateAccessKeySecret('s'.repeat(129))) ?? '', /has 129 characters/);
    assert.equal(validateAccessKeySecret('FakeSecret0000000000000000001'), undefined);
  });

  it('STS tokens are optional unless required, printable ASCII without spaces', () => {
    assert.equal(validateSecurityToken('', false), undefined);
    assert.match(text(validateSecurityToken('', true)) ?? '', /Enter the STS security token/);
    assert.match(text(validateSecurityToken('  ', false)) ?? '', /only spaces/);
    assert.equal(validateSecurityToken('CAIS+base64/token==', false), undefined);
    assert.match(text(validateSecurityToken('tok\u0001en', false)) ?? '', /position 4/);
  });

  it('region IDs', () => {
    assert.equal(validateRegionId('ap-southeast-1'), undefined);
    assert.match(text(validateRegionId('Hangzhou')) ?? '', /not a region ID/);
  });
});

describe('credentials: stored metadata', () => {
  it('round-trips through the versioned record', () => {
    const raw = serialiseIndex({ profiles: [PROFILE], activeId: 'p1' });
    assert.equal((raw as { version: number }).version, METADATA_VERSION);
    assert.deepEqual(parseIndex(raw), { index: { profiles: [PROFILE], activeId: 'p1' }, damaged: false, dropped: [] });
  });

  it('treats nothing stored as an empty list, not damage', () => {
    assert.deepEqual(parseIndex(undefined), { index: { profiles: [], activeId: undefined }, damaged: false, dropped: [] });
  });

  it('recovers what it can from damaged records', () => {
    assert.equal(parseIndex('garbage').damaged, true);
    assert.equal(parseIndex({ version: 1, profiles: 'x' }).damaged, true);
    const parsed = parseIndex({
      version: 1,
      activeId: 'gone',
      profiles: [
        PROFILE,
        { ...PROFILE, id: 'p2', name: 'bad-region', defaultRegionId: 42 },
        { ...PROFILE, id: 'p3', name: 'bad-kind', kind: 'magic' },
        { ...PROFILE, id: 'p1', name: 'duplicate-id' },
        { ...PROFILE, id: 'p4', name: 'PROD' },
        7,
      ],
    });
    assert.equal(parsed.damaged, true);
    assert.deepEqual(
      parsed.index.profiles.map((p) => [p.name, p.defaultRegionId]),
      [
        ['prod', 'cn-shanghai'],
        ['bad-region', FALLBACK_REGION_ID],
      ],
    );
    assert.deepEqual(parsed.dropped, ['bad-kind', 'duplicate-id', 'PROD', '#6']);
    assert.equal(parsed.index.activeId, undefined);
  });
});
