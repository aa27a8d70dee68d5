// The drill audit report: a Markdown document for people and its JSON twin for tools, with the SHA-256 of the JSON
// quoted in the Markdown so a reader can check that the two belong together (docs/evidence.md). Every label goes
// through the localiser; every value from data is escaped. Pure and linear in owners and records.
import { createHash } from 'node:crypto';
import { escapeMarkdown, formatLocalDateTime } from '../shared/format';
import { pairStatusText } from '../replication/status';
import { localised, type Localiser } from '../replication/text';
import { iso, ms, type Actor, type DrillEvidence, type Verdict, type Verification, type VerificationDisk } from './evidence';
import { formatDuration, type DrillFigures, type DrillOutcome } from './figures';
import { DAY_MS, overdueSummary } from './freshness';
import { reportBaseName, reportData, reportJson, type DrillRow, type OwnerRow, type ReportData, type ReportInput } from './reportData';

export type { ReportInput, ReportOwner } from './reportData';

export interface DrillReport {
  markdown: string;
  json: string;
  /** Hex SHA-256 of the exact `json` text (UTF-8). */
  sha256: string;
}

/** The file names the report and its twin are saved under (`drill-report-<UTC time>.md` / `.json`). */
export function reportFileNames(generatedAt: number): { markdown: string; json: string } {
  const base = reportBaseName(generatedAt);
  return { markdown: `${base}.md`, json: `${base}.json` };
}

const NONE = '—';

/**
 * A table cell from data: Markdown symbols shown as they are, and no line break of any kind (a lone CR, U+2028,
 * other control characters) nor an HTML entity (`&amp;`) that could break or alter the table.
 */
function cell(text: string | undefined): string {
  if (text === undefined || text === '') return NONE;
  // eslint-disable-next-line no-control-regex -- control characters would break the row
  return escapeMarkdown(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/&/g, '\\&');
}

class Writer {
  private readonly time: (ms: number) => string;

  constructor(
    private readonly l: Localiser,
    formatTime: ((ms: number) => string) | undefined,
  ) {
    this.time = formatTime ?? formatLocalDateTime;
  }

  at(value: number | undefined): string {
    return value === undefined ? NONE : this.time(value);
  }

  atIso(value: string | undefined): string {
    return this.at(ms(value));
  }

  duration(value: number | undefined): string {
    return value === undefined ? NONE : localised(this.l, formatDuration(value));
  }

  named(name: string | undefined, id: string): string {
    return name === undefined || name === '' || name === id ? cell(id) : `${cell(name)} (${cell(id)})`;
  }

  kind(kind: 'pair' | 'group'): string {
    return kind === 'pair' ? this.l.t('pair') : this.l.t('group');
  }

  verdict(verdict: Verdict | undefined): string {
    if (verdict === 'passed') return this.l.t('passed');
    if (verdict === 'failed') return this.l.t('failed');
    if (verdict === 'notChecked') return this.l.t('not checked');
    return NONE;
  }

  verification(v: Verification | undefined): string {
    if (v === undefined) return this.l.t('not verified');
    if (v.state === 'passed') return this.l.t('passed');
    if (v.state === 'failed') return this.l.t('failed');
    if (v.state === 'incomplete') return this.l.t('incomplete');
    return this.l.t('verifying');
  }

  outcome(outcome: DrillOutcome): string {
    if (outcome === 'usable') return this.l.t('usable');
    if (outcome === 'failed') return this.l.t('failed');
    if (outcome === 'running') return this.l.t('running');
    return this.l.t('unknown');
  }

  /** "≤ 3 min 5 s (resolution 12 s)": the figure is an upper bound, the true time at most `resolution` less. */
  toUsable(f: DrillFigures | undefined): string {
    if (f?.timeToUsableMs === undefined) return NONE;
    const upper = this.duration(f.timeToUsableMs);
    if (f.resolutionMs === undefined || f.resolutionMs < 1000) return upper;
    return this.l.t('≤ {0} (resolution {1})', upper, this.duration(f.resolutionMs));
  }

  actor(a: Actor | undefined): string {
    return a ? `${cell(a.osUser)} (${cell(a.profileName)})` : NONE;
  }

  overdue(row: OwnerRow): string {
    if (row.intervalDays <= 0) return this.l.t('no interval set');
    const interval = this.duration(row.intervalDays * DAY_MS);
    if (row.fresh.dueAt === undefined) return this.l.t('yes: no successful drill (interval {0})', interval);
    if (row.fresh.overdue) return this.l.t('yes: due since {0} (interval {1})', this.at(row.fresh.dueAt), interval);
    return this.l.t('no: due {0} (interval {1})', this.at(row.fresh.dueAt), interval);
  }

  cleared(r: DrillEvidence): string {
    if (r.clearedAt !== undefined) return this.atIso(r.clearedAt);
    if (r.goneAt !== undefined) return this.l.t('{0} (gone, no clear seen)', this.atIso(r.goneAt));
    return NONE;
  }
}

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const header = (labels: string[]): string[] => [row(labels), row(labels.map(() => '---'))];

function ownerTable(w: Writer, l: Localiser, owners: readonly OwnerRow[]): string[] {
  if (owners.length === 0) return [l.t('No pairs or replica groups in the chosen regions.')];
  const lines = header([
    l.t('Pair or group'), l.t('Kind'), l.t('DR region'), l.t('Status'), l.t('RPO setting'), l.t('Last recovery point'),
    l.t('Last successful drill'), l.t('Drilled at'), l.t('RPO at drill'), l.t('Time to usable disk'), l.t('Time to verified'),
    l.t('Verification'), l.t('Verdict'), l.t('Notes'), l.t('Overdue'),
  ]);
  for (const o of owners) {
    const last = o.last;
    lines.push(row([
      w.named(o.owner.name, o.owner.id),
      w.kind(o.owner.kind),
      cell(o.owner.regionId),
      cell(pairStatusText(l, o.owner.status)),
      o.owner.rpoSeconds === undefined ? NONE : w.duration(o.owner.rpoSeconds * 1000),
      w.at(o.owner.lastRecoverPoint),
      last ? (last.owner.id === o.owner.id ? cell(last.drillId) : l.t('{0}, drill of group {1}', cell(last.drillId), w.named(last.owner.name, last.owner.id))) : NONE,
      w.at(o.fresh.lastDrilledAt),
      w.duration(o.lastFigures?.rpoAtDrillMs),
      w.toUsable(o.lastFigures),
      w.duration(o.lastFigures?.timeToVerifiedMs),
      last ? w.verification(last.verification) : NONE,
      last ? w.verdict(last.verdict) : NONE,
      cell(last?.notes),
      w.overdue(o),
    ]));
  }
  return lines;
}

function drillTable(w: Writer, l: Localiser, drills: readonly DrillRow[]): string[] {
  if (drills.length === 0) return [l.t('No drills in the period.')];
  const lines = header([
    'DrillId', l.t('Pair or group'), l.t('DR region / zone'), l.t('Recovery point'), l.t('Started'), l.t('Usable at'), l.t('Cleared at'),
    l.t('RPO at drill'), l.t('Time to usable disk'), l.t('Time to verified'), l.t('Held'), l.t('Start RequestId'), l.t('Clear RequestId'),
    l.t('Run by'), l.t('Outcome'), l.t('Verification'), l.t('Verdict'), l.t('Notes'),
  ]);
  for (const { record: r, at, figures: f } of drills) {
    lines.push(row([
      cell(r.drillId),
      `${w.kind(r.kind)} ${w.named(r.owner.name, r.owner.id)}`,
      r.zoneId ? `${cell(r.regionId)} / ${cell(r.zoneId)}` : cell(r.regionId),
      w.atIso(r.recoveryPoint),
      w.at(at),
      w.atIso(r.firstExecutedAt),
      w.cleared(r),
      w.duration(f.rpoAtDrillMs),
      w.toUsable(f),
      w.duration(f.timeToVerifiedMs),
      w.duration(f.timeHeldMs),
      cell(r.startRequestId),
      cell(r.clearRequestId),
      w.actor(r.startedBy),
      f.outcome === 'failed' && r.statusMessage ? `${w.outcome(f.outcome)}: ${cell(r.statusMessage)}` : w.outcome(f.outcome),
      w.verification(r.verification),
      w.verdict(r.verdict),
      cell(r.notes),
    ]));
  }
  return lines;
}

/** A code span that no backtick in `text` can end early, on one line. */
function code(text: string): string {
  // eslint-disable-next-line no-control-regex -- a line break or control character would end or alter the line
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  // CommonMark strips one space from each end when both have one: pad when an end is a backtick or both are spaces.
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * A check's output as a fenced block: the fence is longer than any run of backticks in it (so no line of the output
 * can close it), line breaks of every kind become `\n` and other control characters (but tabs) are dropped.
 */
function fencedBlock(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- control characters would alter the document
  const body = text.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return [`${fence}text`, ...body.split('\n'), fence];
}

function verificationDisk(w: Writer, l: Localiser, d: VerificationDisk): string[] {
  const lines = [`#### ${l.t('Drill disk {0}', code(d.diskId))}${d.pairId ? ` (${code(d.pairId)})` : ''}`, ''];
  lines.push(`- ${l.t('Result: {0}', d.verdict === 'passed' ? l.t('passed') : d.verdict === 'failed' ? l.t('failed') : NONE)}`);
  lines.push(`- ${l.t('Filesystem: {0}', d.filesystem ? code(d.filesystem) : NONE)}`);
  const status = d.invocationStatus ? ` (${code(d.invocationStatus)})` : '';
  lines.push(`- ${l.t('Exit code: {0}', d.exitCode === undefined ? NONE : code(String(d.exitCode)))}${status}`);
  if (d.errorCode || d.errorInfo) lines.push(`- ${l.t('Cloud Assistant error: {0}', code([d.errorCode, d.errorInfo].filter(Boolean).join(': ')))}`);
  lines.push(`- ${l.t('Attached: {0}; check: {1} to {2}; detached: {3}', w.atIso(d.attachedAt), w.atIso(d.checkStartedAt), w.atIso(d.checkFinishedAt), w.atIso(d.detachedAt))}`);
  if (d.detachProblem) lines.push(`- ${l.t('Detach failed: {0}', code(d.detachProblem))}`);
  if (d.output !== undefined && d.output !== '') {
    lines.push(`- ${d.outputTruncated ? l.t('Output (its first part; the rest was cut):') : l.t('Output:')}`, '', ...fencedBlock(d.output));
  }
  lines.push('');
  return lines;
}

/** Every verification of the period's drills: instance, check and its SHA-256, and per disk the result and output. */
function verifications(w: Writer, l: Localiser, drills: readonly DrillRow[]): string[] {
  const verified = drills.filter((d) => d.record.verification !== undefined);
  if (verified.length === 0) return [l.t('No drill of the period was verified.'), ''];
  const lines: string[] = [];
  for (const { record: r, figures: f } of verified) {
    const v = r.verification as Verification;
    lines.push(`### ${code(r.drillId)}`, '');
    lines.push(`- ${l.t('Pair or group: {0}', `${w.kind(r.kind)} ${code(r.owner.name && r.owner.name !== r.owner.id ? `${r.owner.name} (${r.owner.id})` : r.owner.id)}`)}`);
    lines.push(`- ${l.t('Verification: {0}', w.verification(v))}${v.problem ? `: ${code(v.problem)}` : ''}`);
    lines.push(`- ${l.t('Instance: {0} in zone {1}', code(v.instance.name ? `${v.instance.instanceId} (${v.instance.name})` : v.instance.instanceId), code(v.instance.zoneId))}`);
    const check = v.script.source === 'builtin' ? l.t('the built-in check') : l.t("the team's script {0}", code(v.script.name));
    lines.push(`- ${l.t('Check: {0}, SHA-256 {1}, timeout {2}', check, code(v.script.sha256), w.duration(v.timeoutSeconds * 1000))}`);
    lines.push(`- ${l.t('Run by: {0}', code(`${v.by.osUser} (${v.by.profileName})`))}`);
    lines.push(`- ${l.t('Started: {0}; finished: {1}; verified: {2}', w.atIso(v.startedAt), w.atIso(v.finishedAt), w.atIso(v.verifiedAt))}`);
    lines.push(`- ${l.t('Time to verified: {0}', w.duration(f.timeToVerifiedMs))}`, '');
    for (const d of v.disks) lines.push(...verificationDisk(w, l, d));
  }
  return lines;
}

function markdown(input: ReportInput, data: ReportData, sha256: string, l: Localiser): string {
  const w = new Writer(l, input.formatTime);
  const s = data.summary;
  const total = s.pairs + s.groups;
  const file = reportFileNames(input.generatedAt).json;
  const lines = [
    `# ${l.t('EBS DR drill report')}`,
    '',
    `- ${l.t('Generated: {0} ({1})', w.at(input.generatedAt), iso(input.generatedAt))}`,
    `- ${l.t('Period: {0} to {1}', w.at(input.period.from), w.at(input.period.to))}`,
    `- ${l.t('Regions: {0}', input.regions.length === 0 ? NONE : input.regions.map(cell).join(', '))}`,
    `- ${l.t('Profile: {0}', cell(input.profileName))}`,
    `- ${l.t('Extension version: {0}', cell(input.extensionVersion))}`,
    '',
    l.t('{0} pairs and {1} replica groups, {2}. {3} drills in the period: {4} verified, {5} failed verification, {6} verification incomplete, {7} not verified; verdicts: {8} passed, {9} failed, {10} not checked, {11} without a verdict.',
      s.pairs, s.groups, localised(l, overdueSummary(s.overdue, total)), s.drills, s.verified, s.verificationFailed, s.verificationIncomplete, s.notVerified,
      s.passed, s.failed, s.notChecked, s.noVerdict),
    '',
    `## ${l.t('Pairs and replica groups')}`,
    '',
    ...ownerTable(w, l, data.owners),
    '',
    `## ${l.t('Drills in the period')}`,
    '',
    ...drillTable(w, l, data.drills),
    '',
    `## ${l.t('Verifications')}`,
    '',
    ...verifications(w, l, data.drills),
    `## ${l.t('Integrity')}`,
    '',
    l.t('SHA-256 of the JSON twin {0}: {1}', `\`${file}\``, `\`${sha256}\``),
    '',
    l.t('To check it, run {0} in the folder of the file: it must print the same value.', `\`sha256sum ${file}\``),
    '',
  ];
  return lines.join('\n');
}

/** The report of the period for the chosen regions: Markdown, its JSON twin and the twin's SHA-256. */
export function buildDrillReport(input: ReportInput, l: Localiser): DrillReport {
  const data = reportData(input);
  const json = reportJson(input, data);
  const sha256 = createHash('sha256').update(json, 'utf8').digest('hex');
  return { markdown: markdown(input, data, sha256, l), json, sha256 };
}
