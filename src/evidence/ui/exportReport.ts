// Export Drill Report (view title, region context menu, palette): for the chosen regions and period, one Markdown
// document and its JSON twin (report.ts) built from what the service says now (every pair and group of the regions)
// and every drill record. The Markdown opens as an untitled editor; with an evidence folder both files are also saved
// under its reports/ folder, where the team commits them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { DRILL_KINDS } from '../../drills/kinds';
import type { DrillTarget } from '../../drills/model';
import { localiser } from '../../replication/ui/treeProvider';
import type { ReplicationView } from '../../replication/ui/replicationView';
import { COMMAND } from '../../shared/commands';
import { formatLocalDateTime } from '../../shared/format';
import type { ActionContext, Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import type { RecordSet } from '../recordSet';
import { buildDrillReport, reportFileNames, type ReportOwner } from '../report';
import type { EvidenceStore } from '../store';
import type { FreshnessService } from './freshnessService';
import { regionsOf } from './regionArgument';

type Context = ActionContext<ConnectedClient>;

export interface ExportReportDeps {
  actions: Actions<ConnectedClient>;
  tree: ReplicationView;
  records: RecordSet;
  store: Pick<EvidenceStore, 'readAll' | 'mirror'>;
  freshness: FreshnessService;
  version: string;
  log: Log;
}

/** The last report built in this window (tests read it). */
export interface BuiltReport {
  markdown: string;
  json: string;
  sha256: string;
  /** The saved Markdown and JSON files, when an evidence folder is set. */
  saved?: { markdown: string; json: string };
}

const DAY_MS = 24 * 3_600_000;

export function registerExportReport(deps: ExportReportDeps): { command: vscode.Disposable; last(): BuiltReport | undefined } {
  let last: BuiltReport | undefined;
  const command = deps.actions.register(COMMAND.exportDrillReport, async (context, node) => {
    last = (await exportReport(context, deps, node)) ?? last;
  });
  return { command, last: () => last };
}

async function exportReport(context: Context, deps: ExportReportDeps, node: unknown): Promise<BuiltReport | undefined> {
  const profileId = profileOf(node);
  const connected = await context.requireConnection(profileId);
  const title = vscode.l10n.t('Export Drill Report');
  context.errorPrefix = vscode.l10n.t('Could not build the drill report:');
  const regions = await regionsOf(context, deps.tree, node, connected, title, vscode.l10n.t('Regions the report covers (every pair and group seen from them)'));
  if (!regions) return undefined;
  const period = await context.input.pickOne(
    [
      { label: vscode.l10n.t('Last 90 days'), value: 90 },
      { label: vscode.l10n.t('Last 30 days'), value: 30 },
      { label: vscode.l10n.t('Last 365 days'), value: 365 },
      { label: vscode.l10n.t('All drills on record'), value: 0 },
    ],
    { title, step: 2, totalSteps: 2, placeholder: vscode.l10n.t('Period of the drills the report lists') },
  );
  if (typeof period !== 'number') return undefined;
  const now = Date.now();
  let counts = '';
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building the drill report…') }, async () => {
    const owners = await listOwners(connected, regions);
    const records = await deps.store.readAll();
    deps.records.replace(records);
    counts = `${owners.length} pairs and groups, ${records.length} drill records read`;
    return buildDrillReport(
      {
        generatedAt: now,
        period: { from: period === 0 ? 0 : now - period * DAY_MS, to: now },
        regions,
        profileName: connected.connection.profileName,
        extensionVersion: deps.version,
        owners,
        records,
        intervalDaysFor: (owner) => deps.freshness.intervalDaysFor(owner),
        formatTime: formatLocalDateTime,
      },
      localiser,
    );
  });
  const built: BuiltReport = { ...report };
  const team = deps.store.mirror;
  if (team) built.saved = await save(team, report, now);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
  await vscode.window.showTextDocument(document, { preview: false });
  deps.log.info(`Drill report for ${regions.join(', ')} built: ${counts} (JSON SHA-256 ${report.sha256})${built.saved ? `, saved to ${built.saved.markdown}` : ''}`);
  const openJson = vscode.l10n.t('Open JSON');
  const text = built.saved
    ? vscode.l10n.t('Drill report saved to {0} and its JSON twin (SHA-256 {1}).', built.saved.markdown, report.sha256)
    : vscode.l10n.t('Drill report built. Its JSON twin has the SHA-256 {0}; set ebsDr.evidenceFolder to save both next to your runbook.', report.sha256);
  void context.input.notify('info', text, openJson).then(async (choice) => {
    if (choice !== openJson) return;
    const json = built.saved ? await vscode.workspace.openTextDocument(vscode.Uri.file(built.saved.json)) : await vscode.workspace.openTextDocument({ language: 'json', content: report.json });
    await vscode.window.showTextDocument(json, { preview: false });
  });
  return built;
}

function profileOf(node: unknown): string | undefined {
  const id = (node as { profileId?: unknown } | undefined)?.profileId;
  return typeof id === 'string' ? id : undefined;
}

/** Every pair and group seen from the regions, as the service lists them now (each once), as the drills see them. */
async function listOwners({ client }: ConnectedClient, regions: readonly string[]): Promise<ReportOwner[]> {
  const byId = new Map<string, ReportOwner>();
  for (const regionId of regions) {
    const [pairs, groups] = await Promise.all([DRILL_KINDS.pair.listTargets(client, regionId), DRILL_KINDS.group.listTargets(client, regionId)]);
    for (const target of [...pairs, ...groups]) if (!byId.has(target.ownerId)) byId.set(target.ownerId, reportOwner(target));
  }
  return [...byId.values()];
}

function reportOwner(target: DrillTarget): ReportOwner {
  return {
    kind: target.kind,
    id: target.ownerId,
    name: target.ownerName,
    sourceRegionId: target.sourceRegionId,
    regionId: target.regionId,
    status: target.status,
    rpoSeconds: target.rpoSeconds,
    lastRecoverPoint: target.recoverPoint,
    memberPairIds: target.memberPairIds,
  };
}

/** Saves both files under `<evidence folder>/reports/`, named by the time of the report (UTC). */
async function save(team: string, report: { markdown: string; json: string }, now: number): Promise<{ markdown: string; json: string }> {
  const folder = join(team, 'reports');
  await mkdir(folder, { recursive: true });
  // The names the Markdown quotes (in its line on how to check the twin's SHA-256).
  const names = reportFileNames(now);
  const saved = { markdown: join(folder, names.markdown), json: join(folder, names.json) };
  await writeFile(saved.json, report.json, 'utf8');
  await writeFile(saved.markdown, report.markdown, 'utf8');
  return saved;
}

