import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idOrArn } from '../../src/api/arn.js';
import { expandQueryParams } from '../../src/api/query-params.js';
import * as rules from '../../src/control/rules.js';
import { existingSnapshotIdentifier, snapshotIdentifier } from '../../src/control/snapshot-rules.js';

test('Query protocol lists and structures are rebuilt from dotted names', () => {
  assert.deepEqual(
    expandQueryParams({
      DBInstanceIdentifier: 'db1',
      'Tags.Tag.2.Key': 'b',
      'Tags.Tag.1.Key': 'a',
      'Tags.Tag.1.Value': 'x',
      'Filters.Filter.1.Name': 'engine',
      'Filters.Filter.1.Values.Value.1': 'mariadb',
      'Filters.Filter.1.Values.Value.2': 'mysql',
      'EventCategories.member.1': 'creation',
    }),
    {
      DBInstanceIdentifier: 'db1',
      Tags: [{ Key: 'a', Value: 'x' }, { Key: 'b' }],
      Filters: [{ Name: 'engine', Values: ['mariadb', 'mysql'] }],
      EventCategories: ['creation'],
    },
  );
});

test('hostile names cannot reach the prototype', () => {
  const out = expandQueryParams({ '__proto__.polluted': 'yes', 'constructor.prototype.x': 'y' }) as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
});

test('idOrArn: an identifier or its ARN gives the identifier; a bad one gets RDS message for the parameter', () => {
  const source = idOrArn('db', rules.dbInstanceIdentifier);
  assert.equal(source.parse('DB1'), 'db1');
  assert.equal(source.parse('arn:aws:rds:us-east-1:000000000000:db:db1'), 'db1');
  const snapshot = idOrArn('snapshot', existingSnapshotIdentifier('DBSnapshotIdentifier'));
  assert.equal(snapshot.parse('arn:aws:rds:us-east-1:000000000000:snapshot:rds:db1-2024-01-02-03-04'), 'rds:db1-2024-01-02-03-04');
  // Another kind's ARN is not stripped: it fails as an identifier.
  const wrongKind = snapshot.safeParse('arn:aws:rds:us-east-1:000000000000:db:db1');
  assert.match(wrongKind.error?.issues[0]?.message ?? '', /^The parameter DBSnapshotIdentifier is not a valid identifier/);
  assert.equal(rules.instanceIdentifier('X').safeParse('a'.repeat(64)).success, false);
  assert.equal(snapshotIdentifier('X').safeParse('a'.repeat(255)).success, true);
});
