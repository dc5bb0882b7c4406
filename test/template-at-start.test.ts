/**
 * The templates of the engines' default versions are built when the service starts, in the
 * background: the API answers at once, and the first CreateDBInstance of a fresh install finds its
 * template ready.
 */
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { createInstance } from './support/cluster.js';
import { startTestService } from './support/service.js';
import { defaultPersonalities } from '../src/personality/engine-versions.js';

test('a fresh service builds its templates before any CreateDBInstance, without holding the API back', async () => {
  await using t = await startTestService();
  const answered = await t.rds.send(new DescribeDBInstancesCommand({}));
  assert.deepEqual(answered.DBInstances, [], 'the API answers while the template is being built');
  await t.service.control.settled();
  const templates = (await readdir(join(t.home, 'templates'))).filter((name) => !name.startsWith('.'));
  // One per personality of a default version (mysql 8.4, mariadb 10.11), named after it.
  assert.deepEqual(
    defaultPersonalities().map((p) => templates.filter((name) => name.includes(`-${p}-`)).length),
    defaultPersonalities().map(() => 1),
    `templates: ${templates.join(', ')}`,
  );
  assert.equal(templates.length, defaultPersonalities().length);
  for (const name of templates) assert.ok((await stat(join(t.home, 'templates', name, 'data'))).isDirectory());
  await createInstance(t.rds, 'first', 'First-pass-1');
  const after = (await readdir(join(t.home, 'templates'))).filter((name) => !name.startsWith('.'));
  assert.deepEqual(after, templates, 'the first instance used it: no other template was built');
});
