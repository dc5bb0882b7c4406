/**
 * Every request parameter of RDS's API model, for every action openrds serves, is either handled
 * by the action's schema or listed here as not yet honoured (issue 14's checklist). A parameter the
 * model adds later, or one a change stops handling, fails this test instead of being dropped
 * unnoticed; so does a schema parameter the model does not have. There are two models: the
 * service-2.json of Debian's botocore (python3-botocore, which the test set-up installs with boto3),
 * and the input types of the pinned AWS SDK for JavaScript, which is newer; an SDK upgrade that adds
 * a parameter fails here until the parameter is honoured or refused.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ACTIONS } from '../src/api/actions/index.js';

const MODEL = '/usr/lib/python3/dist-packages/botocore/data/rds/2014-10-31/service-2.json';
/** The SDK's type declarations: `dist-types/` beside its `dist-cjs/index.js`. */
const SDK_TYPES = join(dirname(createRequire(import.meta.url).resolve('@aws-sdk/client-rds')), '..', 'dist-types');

/** Parameters openrds still accepts without honouring them (to be honoured or refused): none now. */
const NOT_YET_HONOURED: Readonly<Record<string, readonly string[]>> = {};

interface Model {
  readonly operations: Record<string, { readonly input: { readonly shape: string } }>;
  readonly shapes: Record<string, { readonly members?: Record<string, unknown> }>;
}

/** The interfaces a declaration file exports, by name. */
function interfacesOf(path: string): Map<string, ts.InterfaceDeclaration> {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  return new Map(source.statements.filter(ts.isInterfaceDeclaration).map((d) => [d.name.text, d]));
}

/** The SDK's members of an action's input: `XCommandInput extends XMessage {}`, and XMessage's properties. */
function sdkMembers(models: Map<string, ts.InterfaceDeclaration>): (action: string) => string[] {
  return (action) => {
    const input = interfacesOf(join(SDK_TYPES, 'commands', `${action}Command.d.ts`)).get(`${action}CommandInput`);
    const base = input?.heritageClauses?.[0]?.types[0]?.expression;
    assert.ok(base && ts.isIdentifier(base), `${action}: the SDK's ${action}CommandInput extends no message type`);
    const message = models.get(base.text);
    assert.ok(message, `${action}: the SDK declares no ${base.text}`);
    return message.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
  };
}

test("every served action's parameters (botocore's and the JavaScript SDK's) are handled, or listed as not yet honoured", () => {
  const model = JSON.parse(readFileSync(MODEL, 'utf8')) as Model;
  const dir = join(SDK_TYPES, 'models');
  const models = new Map(readdirSync(dir).filter((f) => f.endsWith('.d.ts')).flatMap((f) => [...interfacesOf(join(dir, f))]));
  const sdk = sdkMembers(models);
  for (const [name, action] of ACTIONS) {
    const operation = model.operations[name];
    assert.ok(operation, `${name} is not an action of RDS's API model`);
    const members = [...new Set([...Object.keys(model.shapes[operation.input.shape]?.members ?? {}), ...sdk(name)])];
    const handled = Object.keys((action.input as unknown as { shape: Record<string, unknown> }).shape);
    assert.deepEqual(handled.filter((p) => !members.includes(p)), [], `${name}: parameters neither model has`);
    assert.deepEqual(members.filter((p) => !handled.includes(p)), [...(NOT_YET_HONOURED[name] ?? [])], `${name}: parameters neither handled nor listed`);
  }
});
