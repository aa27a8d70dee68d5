// The folders of src/ depend on each other one way: the graph of imports between them has no cycle, so no two
// folders import each other directly or through others (ESLint's layers/one-way rule keeps the order; this test
// reads the actual imports).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { repoRoot } from '../../harness/paths';

const src = join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

function folderOf(file: string): string | undefined {
  const rel = relative(src, file);
  return rel.includes(sep) ? rel.split(sep)[0] : undefined;
}

/** folder → the other folders its files import. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = folderOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const to = folderOf(resolve(dirname(file), match[1] as string));
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

describe('architecture: folders of src/', () => {
  it('import each other one way only (no cycle, direct or through other folders)', () => {
    const graph = folderGraph();
    assert.ok(graph.size >= 5, `found the folders: ${[...graph.keys()].join(', ')}`);
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]): void => {
      for (const next of graph.get(folder) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const folder of graph.keys()) visit(folder, [folder]);
    assert.deepEqual([...new Set(cycles)], []);
  });

  it('the composition alone (src/extension.ts, src/testApi.ts) sits at the top level', () => {
    const top = readdirSync(src).filter((name) => name.endsWith('.ts')).sort();
    assert.deepEqual(top, ['extension.ts', 'testApi.ts']);
  });
});
