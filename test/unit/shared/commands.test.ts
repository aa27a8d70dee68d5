// The one command-id table and the manifest declare the same commands, and code names commands only through it.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND } from '../../../src/shared/commands';
import { SETTING } from '../../../src/shared/settings';
import { repoRoot } from '../../harness/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

describe('shared/commands: the command-id table', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
  };

  it('lists exactly the commands package.json declares', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(Object.values(COMMAND).sort(), declared);
  });

  it('is the only place in src/ that spells a command id', () => {
    const ids = new Set<string>(Object.values(COMMAND));
    const spelled = sourceFiles(join(repoRoot, 'src'))
      .filter((file) => !file.endsWith(join('shared', 'commands.ts')))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(ebsDr\.[A-Za-z]+)'/g)].filter((m) => ids.has(m[1] as string)).map((m) => `${file.slice(repoRoot.length + 1)}: ${m[1]}`));
    assert.deepEqual(spelled, []);
  });

  it('the settings table lists exactly the settings package.json declares', () => {
    const declared = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(Object.values(SETTING).map((key) => `ebsDr.${key}`).sort(), declared);
  });
});
