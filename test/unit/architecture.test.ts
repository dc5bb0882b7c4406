/**
 * The rules that keep the code simple (docs/architecture.md): no import cycle, type-only imports
 * included, and dependencies that point one way, from the faces down to the engine.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SRC = join(ROOT, 'src');

/**
 * Each part's layer: a module may import its own layer's and lower layers' modules only.
 * control and replication share a layer and do not import each other (the monitor and the guard
 * get narrow interfaces; service.ts wires them).
 */
const LAYERS: readonly { readonly layer: number; readonly parts: readonly string[] }[] = [
  { layer: 5, parts: ['cli', 'service.ts', 'config.ts'] },
  { layer: 4, parts: ['api'] },
  { layer: 3, parts: ['control', 'replication'] },
  { layer: 2, parts: ['personality'] },
  { layer: 1, parts: ['engine'] },
  { layer: 0, parts: ['store', 'model', 'errors.ts', 'paths.ts'] },
];
/** Same-layer parts that must not import one another. */
const APART: readonly (readonly [string, string])[] = [['control', 'replication']];

function partOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

function layerOf(part: string): number {
  const entry = LAYERS.find((l) => l.parts.includes(part));
  assert.ok(entry, `src/${part} has no layer in test/unit/architecture.test.ts: give it one`);
  return entry.layer;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative import and re-export of a file (type-only ones included), as source paths. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')));
}

const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));

describe('architecture', () => {
  test('every relative import names a file that exists', () => {
    for (const [file, imports] of graph) {
      for (const target of imports) assert.ok(graph.has(target), `${relative(ROOT, file)} imports ${relative(ROOT, target)}, which is not a source file`);
    }
  });

  test('no import cycle (type-only imports included)', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  test('dependencies point one way: faces → api → control, replication → personality → engine → store, model', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = partOf(file);
      for (const target of imports) {
        const to = partOf(target);
        if (from === to) continue;
        const apart = APART.some(([a, b]) => (a === from && b === to) || (a === to && b === from));
        if (layerOf(to) > layerOf(from) || apart) wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('bench/, kit/ and src/ never import test/; src/ never imports kit/ or bench/', () => {
    const rules: [string, readonly string[]][] = [['src', ['test/', 'kit/', 'bench/']], ['bench', ['test/']], ['kit', ['test/', 'bench/']]];
    for (const [dir, forbidden] of rules) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        const wrong = importsOf(file).map((t) => relative(ROOT, t)).filter((t) => forbidden.some((f) => t.startsWith(f)));
        assert.deepEqual(wrong, [], `${relative(ROOT, file)} imports what it must not`);
      }
    }
  });
});
