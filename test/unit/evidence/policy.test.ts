import * as assert from 'node:assert/strict';
import { intervalDaysFor, parsePolicy } from '../../../src/evidence/policy';

const web = { kind: 'pair' as const, id: 'pair-demo-web01', name: 'web-01' };
const orders = { kind: 'group' as const, id: 'pg-demo-orders', name: 'orders-db' };

describe('evidence drill policy', () => {
  it('reads a good file', () => {
    const { policy, problems } = parsePolicy('{ "intervalDays": 30, "pairs": { "pair-demo-web01": 7, "log-archive": 90 }, "groups": { "orders-db": 14 } }');
    assert.deepEqual(problems, []);
    assert.equal(policy.intervalDays, 30);
    assert.deepEqual([...policy.pairs], [['pair-demo-web01', 7], ['log-archive', 90]]);
    assert.deepEqual([...policy.groups], [['orders-db', 14]]);
  });

  it('an empty file is an empty policy; invalid JSON or a non-object is reported and ignored', () => {
    assert.deepEqual(parsePolicy('  \n').problems, []);
    const bad = parsePolicy('{ "intervalDays": 30, ');
    assert.equal(bad.problems.length, 1);
    assert.match(bad.problems[0], /^The drill policy is not valid JSON \(.+\); it was ignored\.$/);
    assert.equal(bad.policy.intervalDays, undefined);
    assert.deepEqual(parsePolicy('[30]').problems, ['The drill policy must be a JSON object; it was ignored.']);
  });

  it('reports and ignores bad entries, keeping the good ones', () => {
    const { policy, problems } = parsePolicy(JSON.stringify({
      intervalDays: 7.5,
      pairs: { 'pair-demo-web01': 7, 'web-02': '30', 'app-01': -1, 'log-archive': null, '': 3, 'batch-stopped': 0 },
      groups: [14],
      owner: 'ops',
    }));
    assert.equal(policy.intervalDays, undefined);
    assert.deepEqual([...policy.pairs], [['pair-demo-web01', 7], ['batch-stopped', 0]]);
    assert.equal(policy.groups.size, 0);
    assert.deepEqual(problems, [
      'pairs["web-02"]: "30" is not a whole number of days (0 or more); the entry was ignored.',
      'pairs["app-01"]: -1 is not a whole number of days (0 or more); the entry was ignored.',
      'pairs["log-archive"]: null is not a whole number of days (0 or more); the entry was ignored.',
      '"pairs" has an entry with an empty ID or name; it was ignored.',
      '"groups" must be an object of IDs or names and days; it was ignored.',
      'intervalDays: 7.5 is not a whole number of days (0 or more); the entry was ignored.',
      'Unknown field "owner"; it was ignored.',
    ]);
  });

  it('keys such as __proto__ or constructor are plain names', () => {
    const { policy, problems } = parsePolicy('{ "pairs": { "__proto__": 5, "constructor": 6 } }');
    assert.deepEqual(problems, []);
    assert.equal(intervalDaysFor(policy, 0, { kind: 'pair', id: 'pair-x', name: 'constructor' }), 6);
    assert.equal(intervalDaysFor(policy, 0, { kind: 'pair', id: 'pair-y', name: 'toString' }), 0);
  });

  it('an entry by ID beats one by name; the file beats the setting; a pair entry does not apply to a group', () => {
    const { policy } = parsePolicy('{ "intervalDays": 30, "pairs": { "web-01": 14, "pair-demo-web01": 7, "orders-db": 1 }, "groups": { "orders-db": 21 } }');
    assert.equal(intervalDaysFor(policy, 60, web), 7);
    assert.equal(intervalDaysFor(policy, 60, { ...web, id: 'pair-demo-web02' }), 14);
    assert.equal(intervalDaysFor(policy, 60, { kind: 'pair', id: 'pair-demo-app01', name: 'app-01' }), 30);
    assert.equal(intervalDaysFor(policy, 60, orders), 21);
    assert.equal(intervalDaysFor(policy, 60, { kind: 'group', id: 'pg-demo-crm', name: 'crm' }), 30);
  });

  it('0 means never overdue; a setting of 0 is off unless the file sets an interval', () => {
    const empty = parsePolicy('{}').policy;
    assert.equal(intervalDaysFor(empty, 0, web), 0);
    assert.equal(intervalDaysFor(empty, 30, web), 30);
    assert.equal(intervalDaysFor(empty, 30.9, web), 30);
    assert.equal(intervalDaysFor(empty, -3, web), 0);
    assert.equal(intervalDaysFor(parsePolicy('{ "intervalDays": 45 }').policy, 0, web), 45);
    assert.equal(intervalDaysFor(parsePolicy('{ "intervalDays": 0 }').policy, 30, web), 0);
    assert.equal(intervalDaysFor(parsePolicy('{ "intervalDays": 30, "groups": { "pg-demo-orders": 0 } }').policy, 30, orders), 0);
  });
});
