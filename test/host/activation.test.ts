import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ebs-dr.ebs-dr';

describe('Extension activation (real VS Code)', () => {
  it('is installed under its publisher and name', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.packageJSON.displayName, 'Alibaba Cloud EBS DR');
  });

  it('activates on Start Pair Drill (no "*" activation) and registers the command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(!(extension?.packageJSON.activationEvents ?? []).includes('*'));
    await vscode.commands.executeCommand('ebsDr.startPairDrill');
    assert.equal(extension?.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('ebsDr.startPairDrill'));
  });
});
