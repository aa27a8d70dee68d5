import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueEntryFor, catalogueMessageKeys, ERROR_CATALOGUE, explainError, formatMessage, GENERIC_ENTRY } from '../../../src/ebs/catalogue';
import { EbsError } from '../../../src/ebs/errors';

/** Every code docs/ebs-api.md documents for the drill/describe operations, plus gateway and local codes. */
export const DOCUMENTED_CODES = [
  // StartPairDrill's errors (docs/ebs-api.md, Drills)
  'InvalidParameter',
  'InvalidParameter.Conflict',
  'InvalidParameter.Format',
  'MissingParameter',
  'Forbidden',
  'Forbidden.Action',
  'InvalidAccountStatus.NotEnoughBalance',
  'LastTokenProcessing',
  'NoPermission.SLR',
  'OperationDenied',
  'OperationDenied.RecoverPointNotFound',
  'OperationDenied.StartDrillShouldOnDestRegion',
  'InvalidApi.NotFound',
  'NoSuchResource',
  'InternalError',
  'RequestTimeout',
  // describe / clear / progress
  'OperationDenied.InvalidStatus',
  // gateway (docs/ebs-api.md, Errors)
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidTimeStamp.Expired',
  'SignatureNonceUsed',
  'InvalidAccessKeyId.NotFound',
  'InvalidAction.NotFound',
  'InvalidVersion',
  'Throttling.User',
  'ServiceUnavailable',
  'Forbidden.RAM',
];

describe('ebs/catalogue', () => {
  it('has an entry (not the generic one) for every documented code', () => {
    for (const code of DOCUMENTED_CODES) assert.notEqual(catalogueEntryFor(code), GENERIC_ENTRY, code);
  });

  it('falls back along dotted prefixes, then to the generic entry', () => {
    assert.equal(catalogueEntryFor('Throttling.Api').code, 'Throttling');
    assert.equal(catalogueEntryFor('OperationDenied.SomethingNew').code, 'OperationDenied');
    assert.equal(catalogueEntryFor('TotallyNew.Code').code, '*');
  });

  it('explains the examples from the issue', () => {
    const rp = explainError(new EbsError({ code: 'OperationDenied.RecoverPointNotFound', message: 'm', httpStatus: 403 }));
    assert.equal(rp.category, 'state');
    assert.match(formatMessage(rp.nextStep), /first replication cycle/);
    const fa = explainError(new EbsError({ code: 'Forbidden.Action', message: 'm', action: 'StartPairDrill' }));
    assert.equal(fa.category, 'permission');
    assert.deepEqual(fa.summary.args, ['ebs:StartPairDrill']);
    assert.match(formatMessage(fa.summary), /ebs:StartPairDrill/);
    assert.equal(explainError(new EbsError({ code: 'InvalidAccountStatus.NotEnoughBalance', message: 'm' })).category, 'billing');
    const lt = explainError(new EbsError({ code: 'LastTokenProcessing', message: 'm', httpStatus: 403 }));
    assert.match(formatMessage(lt.summary), /identical request is still being processed/);
    assert.equal(lt.retryable, true);
    assert.equal(explainError(new EbsError({ code: 'SignatureDoesNotMatch', message: 'm' })).category, 'credentials');
  });

  it('shows the server message for unknown codes', () => {
    const x = explainError(new EbsError({ code: 'Brand.New', message: 'Brand.New: hello', serverMessage: 'hello', requestId: 'R9' }));
    assert.equal(x.entryCode, '*');
    assert.equal(formatMessage(x.summary), 'Alibaba Cloud returned the error Brand.New: hello');
    assert.match(formatMessage(x.nextStep), /R9/);
  });

  it('marks cancellation silent', () => {
    const c = explainError(new EbsError({ code: 'Cancelled', message: 'x' }));
    assert.equal(c.silent, true);
    assert.equal(c.retryable, false);
  });

  it('uses placeholders consistent with the declared params', () => {
    for (const e of [...ERROR_CATALOGUE, GENERIC_ENTRY]) {
      for (const m of [e.summary, e.nextStep]) {
        const used = new Set([...m.text.matchAll(/\{(\d+)\}/g)].map((x) => Number(x[1])));
        assert.equal(used.size, m.params.length, `${e.code}: ${m.text}`);
        for (let i = 0; i < m.params.length; i++) assert.ok(used.has(i), `${e.code}: {${i}} missing`);
      }
    }
    assert.equal(new Set(ERROR_CATALOGUE.map((e) => e.code)).size, ERROR_CATALOGUE.length, 'duplicate codes');
  });

  it('has a zh-cn translation for every catalogue string with the same placeholders', () => {
    const bundle = JSON.parse(readFileSync(join(__dirname, '../../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    for (const key of catalogueMessageKeys()) {
      const zh = bundle[key];
      assert.ok(typeof zh === 'string' && zh.length > 0, `missing zh-cn for: ${key}`);
      const ph = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
      assert.deepEqual(ph(zh), ph(key), key);
    }
  });
});
