import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandQueryParams } from '../../src/api/query-params.js';

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
