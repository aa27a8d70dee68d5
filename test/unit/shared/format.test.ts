import * as assert from 'node:assert/strict';
import { ageMessage, escapeControlCharacters, escapeMarkdown, formatLocalDateTime } from '../../../src/shared/format';
import { formatMessage } from '../../../src/shared/text';

describe('shared/format: one age, one local time, one Markdown escaper', () => {
  const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
  const age = (ms: number): string => formatMessage(ageMessage(NOW - ms, NOW));

  it('rounds an age down, so it never claims more than has passed (the tree and the quick pick used to disagree at 59.6 s)', () => {
    assert.equal(age(59_600), 'just now');
    assert.equal(age(60_000), '1 min ago');
    assert.equal(age(119_999), '1 min ago');
    assert.equal(age(59 * 60_000 + 59_999), '59 min ago');
    assert.equal(age(47 * 3_600_000 + 3_599_999), '47 h ago');
    assert.equal(age(48 * 3_600_000), '2 d ago');
    assert.equal(age(-5_000), 'just now', 'a future instant counts as now');
  });

  it('formats local time with its offset, from a Date or milliseconds alike', () => {
    const text = formatLocalDateTime(NOW);
    assert.match(text, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
    assert.equal(formatLocalDateTime(new Date(NOW)), text);
  });

  it('escapes every Markdown symbol and flattens line breaks', () => {
    assert.equal(escapeMarkdown('a|b *c* [d](e) <f>\nnext'), 'a\\|b \\*c\\* \\[d\\]\\(e\\) \\<f\\> next');
  });

  it('escapes control characters so that one log line stays one line (a region ID with a line break, ESC sequences)', () => {
    const regionId = 'cn-hangzhou\n[info] Credentials: imported 9 profile(s)';
    assert.equal(escapeControlCharacters(`DescribeRegions region=${regionId}`), 'DescribeRegions region=cn-hangzhou\\n[info] Credentials: imported 9 profile(s)');
    assert.equal(escapeControlCharacters('\u001b[31mred\u001b[0m\r\t\u0000\u007f\u009b\u2028'), '\\u001b[31mred\\u001b[0m\\r\\t\\u0000\\u007f\\u009b\\u2028');
    assert.equal(escapeControlCharacters('StartPairDrill region=cn-shanghai 报错 “ok”'), 'StartPairDrill region=cn-shanghai 报错 “ok”');
  });
});
