// The emulator's pre-rendered JSON must read exactly as JSON.stringify would write the same body.
import * as assert from 'node:assert/strict';
import { jsonBytes, RawJson } from '../../emulator/listingCache';

describe('emulator listing cache: raw JSON in answers', () => {
  it('writes a body with rendered arrays byte for byte as JSON.stringify writes it', () => {
    const pairs = [{ ReplicaPairId: 'pair-gen-r000-000001', PairName: '订单库 "主"', Tags: [{ TagKey: 'env', TagValue: 'prod\n' }] }];
    const body = { RequestId: 'D5B3C0A4-0F1E-4E8B-9C3D-6A2F1B7E9C11', Skipped: undefined, ReplicaPairs: RawJson.array(pairs.map((p) => JSON.stringify(p))), NextToken: '', Empty: RawJson.array([]), TotalCount: 1 };
    const plain = { ...body, ReplicaPairs: pairs, Empty: [] };
    assert.equal(jsonBytes(body).toString('utf8'), JSON.stringify(plain));
    assert.deepEqual(JSON.parse(jsonBytes(body).toString('utf8')), JSON.parse(JSON.stringify(plain)));
  });

  it('writes a body without rendered parts, and an array body, as JSON.stringify does', () => {
    assert.equal(jsonBytes({ RequestId: 'r', Code: 'Forbidden.RAM' }).toString(), '{"RequestId":"r","Code":"Forbidden.RAM"}');
    assert.equal(jsonBytes([{ a: 1 }, 2]).toString(), '[{"a":1},2]');
  });
});
