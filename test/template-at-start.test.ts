/**
 * The engine's template is built when the service starts, in the background: the API answers at
 * once, and the first CreateDBInstance of a fresh install finds the template ready.
 */
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createInstance } from './support/cluster.js';
import { startTestService } from './support/service.js';

test('a fresh service builds its template before any CreateDBInstance, without holding the API back', async () => {
  await using t = await startTestService();
  const answered = await t.rds.send(new DescribeDBInstancesCommand({}));
  assert.deepEqual(answered.DBInstances, [], 'the API answers while the template is being built');
  await t.service.control.settled();
  const templates = (await readdir(join(t.home, 'templates'))).filter((name) => !name.startsWith('.'));
  assert.equal(templates.length, 1, `one template: ${templates.join(', ')}`);
  assert.ok((await stat(join(t.home, 'templates', templates[0]!, 'data'))).isDirectory());
  await createInstance(t.rds, 'first', 'First-pass-1');
  const after = (await readdir(join(t.home, 'templates'))).filter((name) => !name.startsWith('.'));
  assert.deepEqual(after, templates, 'the first instance used it: no other template was built');
});
