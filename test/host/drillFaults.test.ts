// The drill fault suite: seeded, reproducible Start Pair Drill actions (palette and tree) while the emulator injects
// every ambiguous failure into StartPairDrill, with second clicks during and after each. Asserts what the user would
// notice and what gets billed: no duplicate drill, no "could not start" while a drill exists, every "may have started"
// resolved, no unhandled rejection. EBS_DR_FAULT_ACTIONS (default 20) and EBS_DR_FAULT_SEED choose the plan;
// EBS_DR_FAULT_FIGURES names a file the figures are written to (npm run bench reads it).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { DrillHarness, eventually, pairNode } from './support/drillHarness';
import { faultPlan, type FaultAction, type FaultFigures } from './support/faultPlan';
import type { ScriptedUserInput } from './support/scriptedInput';

const PAIR = 'pair-drill-web01';
const STARTED = /^Drill (drill-[a-z0-9]+) started for web-01 \(pair-drill-web01\)/;
const MAY_HAVE_STARTED = /^The drill for web-01 \(pair-drill-web01\) may have started: /;
const COULD_NOT = /^Could not start a drill for web-01/;
const RETRY_SAME = 'Retry (same request, cannot start a second drill)';
const RESOLVE_WITHIN_MS = 60_000;

const ACTIONS = Number(process.env.EBS_DR_FAULT_ACTIONS ?? 20);
const SEED = Number(process.env.EBS_DR_FAULT_SEED ?? 1313);

describe('Drills: Start Pair Drill under faults (emulator, seeded)', function () {
  this.timeout(0);
  let h: DrillHarness;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const figures: FaultFigures = { fault_actions: 0, fault_drills_created: 0, fault_duplicate_drills: 0, fault_false_failures: 0, fault_unresolved: 0, fault_unhandled_rejections: 0 };
  const problems: string[] = [];

  before(async () => {
    h = await DrillHarness.start();
    await h.setConfirm(false);
    process.on('unhandledRejection', onRejection);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    figures.fault_unhandled_rejections = rejections.length;
    if (process.env.EBS_DR_FAULT_FIGURES) writeFileSync(process.env.EBS_DR_FAULT_FIGURES, JSON.stringify({ ...figures, problems }));
    await h?.emulator.admin.clearFaults();
    await h?.stop();
  });

  /** One click as the user would make it: the tree's pair node, or the palette (region, then the pair). */
  function click(input: ScriptedUserInput, action: FaultAction): Thenable<unknown> {
    if (action.entry === 'tree') return vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', PAIR));
    input.pick('cn-hangzhou', 'web-01');
    return vscode.commands.executeCommand('ebsDr.startPairDrill');
  }

  async function run(action: FaultAction): Promise<void> {
    await h.emulator.admin.reset();
    // A drill listing the tree still loads would put the last action's drill back into the tracker.
    await h.api.replication.whenIdle();
    await h.drills.reset();
    await h.emulator.admin.setFaults(action.fault.rules);
    const logFrom = h.api.logLines().length;
    // The user presses the one button an uncertain outcome offers (once), as a careful user would.
    const input = h.newUser().pressOn(MAY_HAVE_STARTED, RETRY_SAME);
    const first = click(input, action);
    if (action.second === 'during') {
      // In flight: past the palette's two picks, and the pair claimed by the start.
      const picks = action.entry === 'palette' ? 2 : 0;
      await eventually(() => input.prompts.filter((p) => p.type === 'pick').length >= picks && h.drills.runningDrills.isRunning?.(PAIR), 'the first start to be in flight');
      await click(input, action);
    }
    await first;
    if (action.second === 'after') await click(input, action);
    const shown = (re: RegExp): number => input.notifications.filter((n) => re.test(n.message)).length;
    // An uncertain outcome is resolved when the drill is announced, or when the Retry pressed has ended.
    const resolved = async (): Promise<boolean> => {
      if (shown(MAY_HAVE_STARTED) === 0 || shown(STARTED) > 0) return true;
      return shown(MAY_HAVE_STARTED) > 1 && (await h.pairDrills(PAIR)).length === 0;
    };
    const settled = await eventually(resolved, 'the uncertain outcome to be resolved', RESOLVE_WITHIN_MS).catch(() => false);
    // Nothing of this action may run on into the next one (a Retry still in flight would start its drill there).
    await eventually(() => h.drills.startsInFlight() === 0, 'every start of the action to end', RESOLVE_WITHIN_MS);
    // Nor may a request the emulator still holds (deadline cases): it would commit after the next action's reset.
    const sent = h.api.logLines().slice(logFrom).filter((l) => /StartPairDrill region=/.test(l)).length;
    await eventually(async () => (await h.requests('StartPairDrill')).length >= sent, 'the emulator to have answered every attempt', RESOLVE_WITHIN_MS);
    const drills = await h.pairDrills(PAIR);
    const label = `#${action.index} ${action.fault.name} (${action.entry}, second click ${action.second})`;
    figures.fault_actions += 1;
    figures.fault_drills_created += drills.length;
    figures.fault_duplicate_drills += Math.max(0, drills.length - 1);
    if (drills.length > 0 && shown(COULD_NOT) > 0) {
      figures.fault_false_failures += 1;
      problems.push(`${label}: told "could not start" while ${drills[0].DrillId} exists`);
    }
    if (!settled || (drills.length > 0 && shown(STARTED) === 0)) {
      figures.fault_unresolved += 1;
      problems.push(`${label}: not resolved: ${JSON.stringify(input.notifications.map((n) => n.message))}`);
    }
    if (drills.length > 1) problems.push(`${label}: ${drills.length} drills`);
    const announced = input.notifications.map((n) => STARTED.exec(n.message)?.[1]).filter((id): id is string => id !== undefined);
    if (announced.some((id) => !drills.some((d) => d.DrillId === id))) problems.push(`${label}: announced a drill that does not exist: ${announced.join(', ')}`);
    if (input.unexpected.length > 0) problems.push(`${label}: unexpected prompts: ${input.unexpected.join('; ')}`);
  }

  for (const action of faultPlan(ACTIONS, SEED)) {
    it(`#${action.index} ${action.fault.name}: ${action.entry}, second click ${action.second}`, async () => {
      await run(action);
    });
  }

  it(`${ACTIONS} actions: no duplicate drill, no false "could not start", every uncertain outcome resolved, no unhandled rejection`, () => {
    assert.deepEqual(problems, []);
    assert.equal(figures.fault_actions, ACTIONS);
    assert.equal(figures.fault_duplicate_drills, 0);
    assert.equal(figures.fault_false_failures, 0);
    assert.equal(figures.fault_unresolved, 0);
    assert.deepEqual(rejections, []);
  });
});
