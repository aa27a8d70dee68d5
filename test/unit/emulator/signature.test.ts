// The two fixed test vectors of the signing reference, and one-character tampering of every signed part.
import * as assert from 'node:assert/strict';
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, parseAcs3Authorization } from '../../emulator/signature/acs3';
import { rpcV1Signature, rpcV1StringToSign } from '../../emulator/signature/rpcV1';
import { startEmulator } from '../../emulator/index';
import type { RunningEmulator, Scenario } from '../../emulator/index';
import { raw, withQueryValue } from './rawHttp';
import type { RawRequest } from './rawHttp';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const VECTOR_SCENARIO: Scenario = {
  Accounts: [{ AccessKeyId: 'testid', AccessKeySecret: 'testsecret' }],
  ReplicaPairs: [{ ReplicaPairId: 'pair-vector', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' }],
};
const ACS3_QUERY = 'RegionId=cn-shanghai&PairId=pair%201%2F%E4%B8%AD%E6%96%87*~&ClientToken=tok';
const ACS3_SIGNED = 'host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version';
const ACS3_HEADERS: Record<string, string> = {
  host: 'ebs.cn-shanghai.aliyuncs.com',
  'x-acs-action': 'StartPairDrill',
  'x-acs-version': '2021-07-30',
  'x-acs-date': '2026-01-01T00:00:00Z',
  'x-acs-signature-nonce': '0123456789abcdef0123456789abcdef',
  'x-acs-content-sha256': EMPTY_SHA256,
  'x-acs-credentials-provider': 'static_ak',
};
const ACS3_SIGNATURE = '6ae305e7c5c30d7321b602a1c5be262e76a24ca31138222baae1c5831b383a27';

const V1_PARAMS: Array<[string, string]> = [
  ['Action', 'StartPairDrill'],
  ['Format', 'json'],
  ['Version', '2021-07-30'],
  ['Timestamp', '2026-01-01T00:00:00Z'],
  ['SignatureNonce', '0123456789abcdef0123456789abcdef'],
  ['RegionId', 'cn-shanghai'],
  ['PairId', 'pair 1/中文*~'],
  ['ClientToken', 'tok'],
  ['SignatureMethod', 'HMAC-SHA1'],
  ['SignatureVersion', '1.0'],
  ['AccessKeyId', 'testid'],
];
const V1_SIGNATURE = 'veNq2PNrLO8njYc70ysy+vZEoH8=';

function acs3Request(overrides: { headers?: Record<string, string>; query?: string; method?: string; path?: string; body?: string; signature?: string } = {}): RawRequest {
  const query = overrides.query ?? ACS3_QUERY;
  return {
    method: overrides.method ?? 'POST',
    path: `${overrides.path ?? '/'}?${query}`,
    headers: {
      ...ACS3_HEADERS,
      accept: 'application/json',
      ...overrides.headers,
      Authorization: `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${ACS3_SIGNED},Signature=${overrides.signature ?? ACS3_SIGNATURE}`,
    },
    body: overrides.body,
  };
}

function v1Request(params: Array<[string, string]>, signature = V1_SIGNATURE): RawRequest {
  const q = [...params, ['Signature', signature]].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return { method: 'POST', path: `/?${q}`, headers: { host: 'ebs.cn-shanghai.aliyuncs.com' } };
}

/** Changes one character of a string (the last one, or the one at `index`). */
function oneChar(s: string, index = s.length - 1): string {
  const c = s[index];
  const replacement = c === 'a' ? 'b' : c === '0' ? '1' : c === 'Z' ? 'Y' : c === '~' ? '_' : c === '=' ? '+' : 'a';
  return s.slice(0, index) + replacement + s.slice(index + 1);
}

describe('signature test vectors', () => {
  it('ACS3-HMAC-SHA256: canonical request, string to sign and signature match the reference', () => {
    const canonical = acs3CanonicalRequest({ method: 'POST', path: '/', rawQuery: ACS3_QUERY, headers: ACS3_HEADERS, signedHeaders: ACS3_SIGNED.split(';'), hashedPayload: EMPTY_SHA256 });
    assert.equal(
      canonical,
      [
        'POST',
        '/',
        'ClientToken=tok&PairId=pair%201%2F%E4%B8%AD%E6%96%87%2A~&RegionId=cn-shanghai',
        'host:ebs.cn-shanghai.aliyuncs.com',
        'x-acs-action:StartPairDrill',
        `x-acs-content-sha256:${EMPTY_SHA256}`,
        'x-acs-credentials-provider:static_ak',
        'x-acs-date:2026-01-01T00:00:00Z',
        'x-acs-signature-nonce:0123456789abcdef0123456789abcdef',
        'x-acs-version:2021-07-30',
        '',
        ACS3_SIGNED,
        EMPTY_SHA256,
      ].join('\n'),
    );
    const sts = acs3StringToSign(canonical);
    assert.equal(sts, 'ACS3-HMAC-SHA256\n06e7ecf490682f50a98886f0e971e20f4076809779c15b5178f804e5251d673c');
    assert.equal(acs3Signature(sts, 'testsecret'), ACS3_SIGNATURE);
  });

  it('HMAC-SHA1: string to sign and signature match the reference', () => {
    const sts = rpcV1StringToSign('POST', V1_PARAMS);
    assert.equal(
      sts,
      'POST&%2F&AccessKeyId%3Dtestid%26Action%3DStartPairDrill%26ClientToken%3Dtok%26Format%3Djson%26PairId%3Dpair%25201%252F%25E4%25B8%25AD%25E6%2596%2587%252A~%26RegionId%3Dcn-shanghai%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0123456789abcdef0123456789abcdef%26SignatureVersion%3D1.0%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2021-07-30',
    );
    assert.equal(rpcV1Signature(sts, 'testsecret'), V1_SIGNATURE);
  });

  it('parses well-formed Authorization headers and rejects malformed ones', () => {
    assert.deepEqual(parseAcs3Authorization(`ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=ab12`), {
      algorithm: 'ACS3-HMAC-SHA256',
      accessKeyId: 'ak',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab12',
    });
    for (const bad of ['', 'ACS3-HMAC-SHA256', 'ACS3-HMAC-MD5 Credential=a,SignedHeaders=host,Signature=ab', 'ACS3-HMAC-SHA256 Credential=a,Signature=ab', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=Host,Signature=ab', 'Bearer xyz']) {
      assert.equal(parseAcs3Authorization(bad), undefined, bad);
    }
  });
});

describe('signature verification over HTTP (vectors at the emulator)', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator({ scenario: VECTOR_SCENARIO, now: '2026-01-01T00:05:00Z', speed: 0 });
  });
  afterEach(() => emu.close());

  it('accepts the ACS3 vector request (authentication passes; the odd PairId then fails format validation)', async () => {
    const res = await raw(emu.port, acs3Request());
    assert.equal(res.json.Code, 'InvalidParameter.Format', res.text);
    assert.equal(res.status, 400);
    const replay = await raw(emu.port, acs3Request());
    assert.equal(replay.json.Code, 'SignatureNonceUsed');
  });

  it('accepts the HMAC-SHA1 vector request', async () => {
    const res = await raw(emu.port, v1Request(V1_PARAMS));
    assert.equal(res.json.Code, 'InvalidParameter.Format', res.text);
    const replay = await raw(emu.port, v1Request(V1_PARAMS));
    assert.equal(replay.json.Code, 'SignatureNonceUsed');
  });

  const acs3Tampered: Array<[string, Parameters<typeof acs3Request>[0]]> = [
    ['query value RegionId', { query: ACS3_QUERY.replace('cn-shanghai', 'cn-shanghaj') }],
    ['query value ClientToken', { query: ACS3_QUERY.replace('tok', 'tol') }],
    ['query value PairId (encoded char)', { query: ACS3_QUERY.replace('*~', '*_') }],
    ['query key', { query: ACS3_QUERY.replace('ClientToken', 'ClientTokem') }],
    ['extra query parameter', { query: `${ACS3_QUERY}&X=1` }],
    ['method', { method: 'GET' }],
    ['path', { path: '/a' }],
    ['body', { body: 'a' }],
    ['signature', { signature: oneChar(ACS3_SIGNATURE) }],
    ...Object.keys(ACS3_HEADERS).map((h): [string, Parameters<typeof acs3Request>[0]] => [`header ${h}`, { headers: { [h]: oneChar(ACS3_HEADERS[h], h === 'x-acs-date' ? 18 : undefined) } }]),
  ];
  for (const [what, overrides] of acs3Tampered) {
    it(`rejects the ACS3 vector with one character changed in: ${what}`, async () => {
      const res = await raw(emu.port, acs3Request(overrides));
      assert.equal(res.json.Code, 'SignatureDoesNotMatch', `${what}: ${res.text}`);
      assert.equal(res.status, 400);
    });
  }

  for (let i = 0; i <= V1_PARAMS.length; i++) {
    const what = i < V1_PARAMS.length ? `parameter ${V1_PARAMS[i][0]}` : 'Signature';
    it(`rejects the HMAC-SHA1 vector with one character changed in: ${what}`, async () => {
      const params = V1_PARAMS.map(([k, v], j): [string, string] => [k, j === i ? oneChar(v) : v]);
      const req = i < V1_PARAMS.length ? v1Request(params) : v1Request(V1_PARAMS, oneChar(V1_SIGNATURE, 3));
      const res = await raw(emu.port, req);
      // A changed AccessKeyId names another (unknown) key; a changed SignatureMethod/Version is rejected as unsupported.
      const expected = what === 'parameter AccessKeyId' ? 'InvalidAccessKeyId.NotFound' : /SignatureMethod|SignatureVersion/.test(what) ? 'InvalidParameter' : 'SignatureDoesNotMatch';
      assert.equal(res.json.Code, expected, `${what}: ${res.text}`);
    });
  }

  it('rejects a v1 request with an added query parameter', async () => {
    const req = v1Request(V1_PARAMS);
    const res = await raw(emu.port, { ...req, path: `${req.path}&Extra=1` });
    assert.equal(res.json.Code, 'SignatureDoesNotMatch');
  });

  it('rejects a v1 request whose value was re-encoded differently but decodes the same (accepted) vs changed (rejected)', async () => {
    const req = v1Request(V1_PARAMS);
    // '*' sent raw instead of %2A decodes to the same value: still valid.
    const same = await raw(emu.port, { ...req, path: req.path.replace('%2A', '*') });
    assert.equal(same.json.Code, 'InvalidParameter.Format', same.text);
    const changed = await raw(emu.port, { ...req, path: withQueryValue(req.path, 'RegionId', 'cn-shanghai ') });
    assert.equal(changed.json.Code, 'SignatureDoesNotMatch');
  });
});
