import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './support/extension';
import { ScriptedUserInput } from './support/scriptedInput';

describe('Extension activation (real VS Code)', () => {
  it('is installed under its publisher and name, with no "*" activation', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.packageJSON.displayName, 'Alibaba Cloud EBS DR');
    assert.ok(!(extension.packageJSON.activationEvents ?? []).includes('*'));
  });

  it('activates and registers Start Pair Drill', async () => {
    const api = await activateExtension();
    const input = new ScriptedUserInput();
    api.setUserInput(input);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('ebsDr.startPairDrill'));
  });
});

describe('Getting-started walkthrough', () => {
  it('links only to commands that exist and completes on real events', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const manifest = extension?.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; completionEvents: string[] }[] }[] } };
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['connect', 'regions', 'drill', 'cleanup']);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} has no completion event`);
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(commands.has(command), `${step.id}: ${command} is not registered`);
        else assert.match(event, /^onContext:ebsDr\.walkthrough\.(connected|regionsChosen|drilled|cleared)$/);
      }
    }
    // Every command link in the manifest's strings (walkthrough steps, welcome content) points at a registered command.
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const strings = JSON.parse(readFileSync(join(extension?.extensionPath ?? '', file), 'utf8')) as Record<string, string>;
      for (const [key, text] of Object.entries(strings)) {
        for (const link of text.matchAll(/\(command:([\w.]+)/g)) {
          assert.ok(commands.has(link[1]), `${file} ${key} links to unknown command ${link[1]}`);
        }
      }
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
  });
});
