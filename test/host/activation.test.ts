import * as assert from 'node:assert/strict';
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
