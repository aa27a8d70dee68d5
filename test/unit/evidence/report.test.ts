import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDrillReport, reportFileNames } from '../../../src/evidence/report';
import { ENGLISH, recordingLocaliser, type Localiser } from '../../../src/replication/text';
import { formatTemplate } from '../../../src/shared/text';
import { repoRoot } from '../../harness/paths';
import { goldenInput } from './golden';
import { drillRecord, NOW } from './records';

const fixtures = join(repoRoot, 'test', 'fixtures', 'evidence');
const UPDATE = process.env.EBS_DR_UPDATE_GOLDEN === '1';

/** The first differing lines, numbered, with a line of context: readable where a whole-file diff is not. */
function lineDiff(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, a.length) && out.length < 30; i++) {
    if (e[i] === a[i]) continue;
    out.push(`line ${i + 1}:`, `  - ${e[i] ?? '(no line)'}`, `  + ${a[i] ?? '(no line)'}`);
  }
  return out.join('\n');
}

function matchesGolden(name: string, actual: string): void {
  const file = join(fixtures, name);
  if (UPDATE) writeFileSync(file, actual);
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) {
    assert.fail(`${name} differs from the built report (run with EBS_DR_UPDATE_GOLDEN=1 to rewrite it):\n${lineDiff(expected, actual)}`);
  }
}

const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** zh-cn from the bundle; a template without a translation throws, so none can fall back to English unseen. */
const CHINESE: Localiser = {
  t: (template, ...args) => {
    const translated = bundle[template];
    if (translated === undefined) throw new Error(`no zh-cn translation for ${JSON.stringify(template)}`);
    return formatTemplate(translated, args.map(String));
  },
  errorText: (error) => ENGLISH.errorText(error),
};

/** The cells of a Markdown table row, split on unescaped `|`. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

describe('evidence drill report', () => {
  it('matches the golden Markdown and JSON', () => {
    const report = buildDrillReport(goldenInput(), ENGLISH);
    matchesGolden('report.golden.md', report.markdown);
    matchesGolden('report.golden.json', report.json);
  });

  it('quotes the SHA-256 of the exact JSON text and how to check it', () => {
    const report = buildDrillReport(goldenInput(), ENGLISH);
    const sha = createHash('sha256').update(report.json).digest('hex');
    assert.equal(report.sha256, sha);
    const names = reportFileNames(NOW);
    assert.deepEqual(names, { markdown: 'drill-report-20260301T080000Z.md', json: 'drill-report-20260301T080000Z.json' });
    assert.ok(report.markdown.includes(`SHA-256 of the JSON twin \`${names.json}\`: \`${sha}\``));
    assert.ok(report.markdown.includes(`\`sha256sum ${names.json}\``));
    assert.ok(report.json.endsWith('}\n'));
  });

  it('is the same text whatever the order of the records and owners', () => {
    const input = goldenInput();
    const shuffled = { ...input, records: [...input.records].reverse(), owners: [...input.owners].reverse() };
    assert.equal(buildDrillReport(shuffled, ENGLISH).json, buildDrillReport(input, ENGLISH).json);
    assert.equal(buildDrillReport(shuffled, ENGLISH).markdown, buildDrillReport(input, ENGLISH).markdown);
  });

  it('a note with |, backticks, Markdown and line breaks stays inside its cell', () => {
    const input = goldenInput();
    const note = 'a | b `code` **bold** [link](http://x) <b>html</b> &amp; one\ntwo\r\nthree\rfour\u2028five';
    input.records = input.records.map((r) => (r.drillId === 'drill-5r7t9v1x3z5b7d9f1h3j' ? { ...r, notes: note } : r));
    const lines = buildDrillReport(input, ENGLISH).markdown.split('\n');
    for (const [heading, drillColumn] of [['Pairs and replica groups', 6], ['Drills in the period', 0]] as const) {
      const start = lines.indexOf(`## ${heading}`) + 2;
      const table: string[] = [];
      for (let i = start; lines[i]?.startsWith('|'); i++) table.push(lines[i]);
      const width = cells(table[0]).length;
      for (const line of table) assert.equal(cells(line).length, width, `a row of "${heading}" keeps ${width} cells: ${line}`);
      const row = table.find((line) => cells(line)[drillColumn] === 'drill-5r7t9v1x3z5b7d9f1h3j');
      assert.ok(row, `"${heading}" has the drill's row`);
      const notes = cells(row).at(heading === 'Pairs and replica groups' ? -2 : -1);
      assert.equal(notes, 'a \\| b \\`code\\` \\*\\*bold\\*\\* \\[link\\]\\(http://x\\) \\<b\\>html\\</b\\> \\&amp; one two three four five');
    }
    // The JSON twin keeps the note as it was written.
    assert.ok(buildDrillReport(input, ENGLISH).json.includes(JSON.stringify(note)));
  });

  it('lists only drills of the period in the chosen regions, sorted by start', () => {
    const input = goldenInput();
    input.records = [
      ...input.records,
      drillRecord({ drillId: 'drill-4f6h8j0l2n4p6r8t0v2x', owner: { id: 'pair-demo-stop01', name: 'batch-stopped' }, sourceRegionId: 'cn-beijing', regionId: 'cn-beijing', startAt: '2026-02-12T00:00:00.000Z', firstExecutedAt: '2026-02-12T00:03:00.000Z' }),
      drillRecord({ drillId: 'drill-6h8j0l2n4p6r8t0v2x4z', owner: { id: 'pair-demo-web01', name: 'web-01' }, regionId: 'cn-shanghai', startAt: '2026-03-01T08:00:00.001Z' }),
    ];
    const json = JSON.parse(buildDrillReport(input, ENGLISH).json) as { drills: { drillId: string; startAt: string }[] };
    assert.deepEqual(json.drills.map((d) => d.drillId), [
      'drill-5r7t9v1x3z5b7d9f1h3j', 'drill-7i9k1m3o5q7s9u1w3y5a', 'pg-drill-2b4d6f8h0j2l4n6p8r0t', 'drill-9a1c3e5g7i9k1m3o5q7s',
      'drill-0k2m4o6q8s0u2w4y6a8c', 'drill-3e5g7i9k1m3o5q7s9u1w',
    ]);
  });

  it('every label of the zh-cn report is translated: no English heading or label is left', () => {
    const recording = recordingLocaliser(CHINESE);
    const markdown = buildDrillReport(goldenInput(), recording).markdown;
    assert.ok(recording.templates.size > 40, `asked for ${recording.templates.size} templates`);
    assert.ok(markdown.startsWith('# EBS DR 演练报告\n'));
    // API names, units of the data and file names may stay; no other English word in a heading, a table header or a label line.
    const allowed = new Set(['EBS', 'DR', 'RPO', 'DrillId', 'RequestId', 'SHA', 'JSON', 'UTC', 'sha256sum', 'drill', 'report', 'json', 'prod', 'dr']);
    const labelLines = markdown.split('\n').filter((line, i, all) => line.startsWith('#') || line.startsWith('- ') || all[i + 1]?.startsWith('| ---'));
    assert.ok(labelLines.length >= 10);
    for (const line of labelLines) {
      const words = (line.replace(/`[^`]*`/g, '').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '').replace(/\b(?:cn-[a-z]+|\d[\d:. -]*)/g, '').match(/[A-Za-z][A-Za-z0-9]+/g) ?? []).filter((w) => !allowed.has(w));
      assert.deepEqual(words, [], `English left in: ${line}`);
    }
    // Every template's English text is gone from the zh-cn report (where its translation does not keep it).
    for (const template of recording.templates) {
      for (const fragment of template.split(/\{\d+\}/).map((f) => f.trim()).filter((f) => /[A-Za-z]{3}/.test(f))) {
        if (bundle[template].includes(fragment)) continue;
        assert.ok(!markdown.includes(` ${fragment} `) && !markdown.includes(`| ${fragment} |`), `English "${fragment}" (of "${template}") left`);
      }
    }
  });

  it('counts verified drills in the summary and carries the whole verification in the JSON twin', () => {
    const report = buildDrillReport(goldenInput(), ENGLISH);
    const json = JSON.parse(report.json) as { summary: Record<string, number>; drills: Array<{ drillId: string; verification: { state: string; disks: unknown[] } | null; figures: { timeToVerifiedMs: number | null } }> };
    assert.deepEqual([json.summary.verified, json.summary.verificationFailed, json.summary.verificationIncomplete, json.summary.notVerified], [2, 1, 1, 2]);
    assert.ok(report.markdown.includes('6 drills in the period: 2 verified, 1 failed verification, 1 verification incomplete, 2 not verified;'));
    const group = json.drills.find((d) => d.drillId === 'pg-drill-2b4d6f8h0j2l4n6p8r0t');
    assert.equal(group?.verification?.state, 'passed');
    assert.equal(group?.verification?.disks.length, 2);
    assert.equal(group?.figures.timeToVerifiedMs, 21 * 60_000 + 31_000);
    assert.equal(json.drills.find((d) => d.drillId === 'drill-9a1c3e5g7i9k1m3o5q7s')?.verification, null);
    const input = goldenInput();
    for (const r of input.records) assert.deepEqual((JSON.parse(buildDrillReport(input, ENGLISH).json) as typeof json).drills.find((d) => d.drillId === r.drillId)?.verification ?? null, r.verification ?? null);
  });

  it('an output with backticks, fences and table rows stays inside its fenced block; names stay inside their code spans', () => {
    const input = goldenInput();
    const output = 'EBS-DR: device=/dev/vdb\n```\n| a | b |\n|---|---|\n``````` seven\n## not a heading\r\nlast\u2028line\u0007\n';
    input.records = input.records.map((r) =>
      r.verification && r.drillId === 'drill-5r7t9v1x3z5b7d9f1h3j'
        ? { ...r, verification: { ...r.verification, script: { ...r.verification.script, source: 'team' as const, name: 'checks/``web`.sh' }, disks: r.verification.disks.map((d) => ({ ...d, output })) } }
        : r,
    );
    const lines = buildDrillReport(input, ENGLISH).markdown.split('\n');
    const open = lines.findIndex((line) => /^`{3,}text$/.test(line) && lines.slice(lines.indexOf(line)).some((l) => l.includes('seven')));
    const fence = lines[open]!.replace('text', '');
    assert.equal(fence, '````````', 'one backtick more than the longest run (7)');
    const close = lines.indexOf(fence, open + 1);
    assert.deepEqual(lines.slice(open + 1, close), ['EBS-DR: device=/dev/vdb', '```', '| a | b |', '|---|---|', '``````` seven', '## not a heading', 'last', 'line']);
    assert.equal(lines[close + 1], '', 'the block ends before the next part');
    assert.ok(lines.some((line) => line.includes("the team's script ```checks/``web`.sh```")), lines.find((l) => l.includes('Check:')));
    // The tables are untouched by it: every row keeps its cells.
    for (const heading of ['Pairs and replica groups', 'Drills in the period']) {
      const start = lines.indexOf(`## ${heading}`) + 2;
      const width = cells(lines[start]!).length;
      for (let i = start; lines[i]?.startsWith('|'); i++) assert.equal(cells(lines[i]!).length, width, lines[i]);
    }
  });

  it('the zh-cn report names the verification parts in Chinese', () => {
    const markdown = buildDrillReport(goldenInput(), CHINESE).markdown;
    for (const text of ['## 演练盘验证', '| 验证通过耗时 | 验证 |', '- 验证：通过', '- 验证：失败', '- 验证：未完成', '内置检查', '团队脚本 `checks/orders-db.sh`', '| 未验证 |']) {
      assert.ok(markdown.includes(text), `the zh-cn report has ${text}`);
    }
    for (const english of ['Verifications', 'Time to verified', 'not verified', 'the built-in check', 'Drill disk', 'Exit code']) assert.ok(!markdown.includes(english), english);
  });
});
