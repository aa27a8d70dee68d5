// Localisation completeness: every UI template in src/ has a zh-cn translation, the bundle holds no stale
// keys, and the manifest's %placeholders% resolve in both package.nls files.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueMessageKeys } from '../../../src/ebs/catalogue';
import { repoRoot } from '../../harness/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, string>;

const STRING = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\`(?:[^\`\\$]|\\.)*\`)`;
/** Calls that take an English template as their first argument, and `{ message: '…', args: … }` literals. */
const TEMPLATE_SITES = [
  new RegExp(String.raw`(?:\bl10n\.t|\bl\.t|\blocaliser\.t|\bmsg|\bt)\(\s*` + STRING, 'g'),
  new RegExp(String.raw`\{\s*message:\s*` + STRING + String.raw`\s*,\s*args:`, 'g'),
];

function literalValue(literal: string): string {
  return new Function(`return ${literal};`)() as string;
}

const sources = sourceFiles(join(repoRoot, 'src')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

function usedTemplates(): Map<string, string> {
  const used = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const site of TEMPLATE_SITES) {
      for (const match of text.matchAll(site)) used.set(literalValue(match[1]), file.slice(repoRoot.length + 1));
    }
  }
  for (const key of catalogueMessageKeys()) used.set(key, 'src/ebs/catalogue.ts');
  return used;
}

describe('Localisation bundles', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');

  it('has a zh-cn translation for every UI template in src/', () => {
    const missing = [...usedTemplates()].filter(([key]) => !(key in bundle)).map(([key, file]) => `${file}: ${JSON.stringify(key)}`);
    assert.deepEqual(missing, [], `Missing from l10n/bundle.l10n.zh-cn.json:\n${missing.join('\n')}`);
  });

  it('has no stale keys (every key still appears in src/)', () => {
    const allSource = sources.map((s) => s.text).join('\n');
    const literals = new Set([...allSource.matchAll(new RegExp(STRING, 'g'))].map((m) => {
      try {
        return literalValue(m[1]);
      } catch {
        return '';
      }
    }));
    const stale = Object.keys(bundle).filter((key) => !literals.has(key) && !usedTemplates().has(key));
    assert.deepEqual(stale, [], `Stale keys in l10n/bundle.l10n.zh-cn.json:\n${stale.join('\n')}`);
  });

  it('has no empty or untranslated-looking values', () => {
    const empty = Object.entries(bundle).filter(([, value]) => value.trim() === '').map(([key]) => key);
    assert.deepEqual(empty, []);
  });

  it('keeps {n} placeholders intact in every translation', () => {
    const placeholders = (s: string): string => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join(',');
    const broken = Object.entries(bundle).filter(([key, value]) => placeholders(key) !== placeholders(value)).map(([key]) => key);
    assert.deepEqual(broken, []);
  });

  it('resolves every %placeholder% of package.json in package.nls.json and package.nls.zh-cn.json, with no stale keys', () => {
    const manifest = readFileSync(join(repoRoot, 'package.json'), 'utf8');
    const referenced = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file);
      const missing = [...referenced].filter((key) => !(key in nls));
      const stale = Object.keys(nls).filter((key) => !referenced.has(key));
      assert.deepEqual(missing, [], `${file} lacks: ${missing.join(', ')}`);
      assert.deepEqual(stale, [], `${file} has stale keys: ${stale.join(', ')}`);
    }
  });
});
