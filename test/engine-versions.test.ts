/**
 * Engine versions per instance, through the AWS SDK and the AWS CLI: what CreateDBInstance records
 * and which default parameter group follows, DescribeDBEngineVersions (defaults, families, paging,
 * filters), and ModifyDBInstance's EngineVersion rules (a minor upgrade honoured, the rest refused).
 */
import {
  CreateDBInstanceCommand,
  DescribeDBEngineVersionsCommand,
  DescribeDBParameterGroupsCommand,
  ModifyDBInstanceCommand,
  RebootDBInstanceCommand,
  type DBEngineVersion,
  type DescribeDBEngineVersionsCommandInput,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eventMessages, rows } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';
import { describeOne, rdsFailure, waitForStatus } from '../kit/api.js';
import { awsRds } from '../kit/clients.js';

const PASSWORD = 'Versions-pass-1';
const base = { DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: PASSWORD };

describe('engine versions', () => {
  let t: TestService;

  const versions = async (input: DescribeDBEngineVersionsCommandInput): Promise<DBEngineVersion[]> =>
    (await t.rds.send(new DescribeDBEngineVersionsCommand(input))).DBEngineVersions ?? [];
  const modify = (input: Omit<ConstructorParameters<typeof ModifyDBInstanceCommand>[0], 'DBInstanceIdentifier'>) =>
    t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'my80', ...input }));

  before(async () => {
    t = await startTestService();
    // Three instances, made side by side: the engine defaults, and an older 8.0 to upgrade.
    await Promise.all([
      t.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'my84', Engine: 'mysql' })),
      t.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'my80', Engine: 'mysql', EngineVersion: '8.0.44' })),
      t.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'maria', Engine: 'mariadb', EngineVersion: '10.11' })),
    ]);
    await Promise.all(['my84', 'my80', 'maria'].map((id) => waitForStatus(t.rds, id, 'available', 120_000)));
  });
  after(() => t?.[Symbol.asyncDispose]());

  test("CreateDBInstance records RDS's version, and the default parameter group of its family", async () => {
    const shown = await Promise.all(['my84', 'my80', 'maria'].map((id) => describeOne(t.rds, id)));
    assert.deepEqual(
      shown.map((i) => [i.DBInstanceIdentifier, i.EngineVersion, i.DBParameterGroups?.[0]?.DBParameterGroupName]),
      [
        ['my84', '8.4.11', 'default.mysql8.4'],
        ['my80', '8.0.44', 'default.mysql8.0'],
        ['maria', '10.11.19', 'default.mariadb10.11'],
      ],
    );
    // Every version runs on the one MariaDB server, and the events of a MySQL instance say so.
    await using conn = await connectTo(shown[0]!, 'admin', PASSWORD);
    const v = (await rows<{ v: string }>(conn, 'SELECT VERSION() AS v'))[0]!.v;
    assert.match(v, /^10\.11\.\d+-MariaDB/);
    assert.ok((await eventMessages(t.rds, 'my84')).includes(`Engine served by MariaDB: mysql 8.4.11 is served by mariadb ${v.split('-')[0]}`));
    assert.ok(!(await eventMessages(t.rds, 'maria')).some((m) => m.startsWith('Engine served by')), 'MariaDB 10.11.19 is what it says');
  });

  test("CreateDBInstance refuses, with RDS's errors, a version RDS does not offer and a group of another family", async () => {
    const unknown = await rdsFailure(t.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'nope', Engine: 'mysql', EngineVersion: '8.0.27' })));
    assert.deepEqual([unknown.code, unknown.message], ['InvalidParameterCombination', 'Cannot find version 8.0.27 for mysql']);
    const family = await rdsFailure(
      t.rds.send(new CreateDBInstanceCommand({ ...base, DBInstanceIdentifier: 'nope', Engine: 'mysql', DBParameterGroupName: 'default.mysql8.0' })),
    );
    assert.deepEqual(
      [family.code, family.message],
      [
        'InvalidParameterCombination',
        "The parameter group default.mysql8.0 with DBParameterGroupFamily mysql8.0 can't be used for this instance. Use a parameter group with DBParameterGroupFamily mysql8.4.",
      ],
    );
  });

  test('DescribeDBParameterGroups lists the default group of every family served', async () => {
    const groups = (await t.rds.send(new DescribeDBParameterGroupsCommand({}))).DBParameterGroups ?? [];
    const defaults = groups.filter((g) => g.DBParameterGroupName?.startsWith('default.')).map((g) => [g.DBParameterGroupName, g.DBParameterGroupFamily]);
    assert.deepEqual(
      defaults,
      ['mysql5.7', 'mysql8.0', 'mysql8.4', 'mariadb10.6', 'mariadb10.11', 'mariadb11.4', 'mariadb11.8'].map((f) => [`default.${f}`, f]),
    );
  });

  test('DescribeDBEngineVersions: the default of an engine, of a major, and the versions of a family', async () => {
    const [mysql] = await versions({ Engine: 'mysql', DefaultOnly: true });
    assert.equal(mysql?.EngineVersion, '8.4.11');
    assert.equal(mysql?.DBParameterGroupFamily, 'mysql8.4');
    assert.equal(mysql?.MajorEngineVersion, '8.4');
    assert.equal(mysql?.DBEngineDescription, 'MySQL Community Edition');
    assert.equal(mysql?.DBEngineVersionDescription, 'MySQL 8.4.11');
    assert.equal(mysql?.Status, 'available');
    assert.deepEqual(mysql?.ExportableLogTypes, ['audit', 'error', 'general', 'slowquery']);
    assert.deepEqual(mysql?.ValidUpgradeTarget, [], 'nothing after the newest major');
    assert.deepEqual((await versions({ Engine: 'mysql', EngineVersion: '8.0', DefaultOnly: true })).map((v) => v.EngineVersion), ['8.0.46-rds.20260908']);
    assert.deepEqual((await versions({ DefaultOnly: true })).map((v) => `${v.Engine} ${v.EngineVersion}`), ['mariadb 10.11.19', 'mysql 8.4.11']);

    const family = await versions({ DBParameterGroupFamily: 'mariadb10.11' });
    assert.deepEqual(family.map((v) => v.EngineVersion), ['10.11.13', '10.11.14', '10.11.15', '10.11.16', '10.11.18', '10.11.19']);
    assert.equal(family[0]?.DBEngineDescription, 'MariaDb Community Edition');
    const targets = family.at(-2)?.ValidUpgradeTarget ?? [];
    assert.deepEqual(targets[0], { Engine: 'mariadb', EngineVersion: '10.11.19', Description: 'MariaDB 10.11.19', AutoUpgrade: false, IsMajorVersionUpgrade: false });
    assert.deepEqual(targets.slice(1).map((u) => [u.EngineVersion, u.IsMajorVersionUpgrade]), ['11.4.7', '11.4.8', '11.4.9', '11.4.10', '11.4.12', '11.4.13'].map((v) => [v, true]));
    assert.deepEqual(await versions({ Engine: 'postgres' }), [], 'an engine openrds does not serve has no versions here');
  });

  test('DescribeDBEngineVersions: pages of MaxRecords with a Marker, filters, and RDS refusals', async () => {
    const all = await versions({});
    assert.equal(all.length, 42);
    const first = await t.rds.send(new DescribeDBEngineVersionsCommand({ MaxRecords: 20 }));
    const second = await t.rds.send(new DescribeDBEngineVersionsCommand({ MaxRecords: 20, Marker: first.Marker }));
    const third = await t.rds.send(new DescribeDBEngineVersionsCommand({ MaxRecords: 20, Marker: second.Marker }));
    assert.deepEqual([first.DBEngineVersions?.length, second.DBEngineVersions?.length, third.DBEngineVersions?.length, third.Marker], [20, 20, 2, undefined]);
    assert.deepEqual([...first.DBEngineVersions!, ...second.DBEngineVersions!, ...third.DBEngineVersions!], all);

    const filtered = await versions({ Filters: [{ Name: 'engine', Values: ['mysql'] }, { Name: 'engine-version', Values: ['5.7', '8.4.5'] }] });
    assert.deepEqual(filtered.map((v) => v.EngineVersion), ['5.7.44-rds.20251212', '5.7.44-rds.20260212', '5.7.44-rds.20260521', '5.7.44-rds.20260624', '5.7.44-rds.20260902', '8.4.5']);
    assert.equal((await versions({ Filters: [{ Name: 'status', Values: ['deprecated'] }] })).length, 0);

    const small = await rdsFailure(t.rds.send(new DescribeDBEngineVersionsCommand({ MaxRecords: 10 })));
    assert.deepEqual([small.code, small.message], ['InvalidParameterValue', 'Invalid value 10 for MaxRecords. Must be between 20 and 100']);
    const filter = await rdsFailure(t.rds.send(new DescribeDBEngineVersionsCommand({ Filters: [{ Name: 'nope', Values: ['x'] }] })));
    assert.equal(filter.code, 'InvalidParameterValue');
    assert.equal(filter.message, 'Unrecognized filter name: nope');
  });

  test('the AWS CLI: describe-db-engine-versions --engine mysql --default-only', async () => {
    const out = JSON.parse(await awsRds(t.service.endpoint, ['describe-db-engine-versions', '--engine', 'mysql', '--default-only', '--output', 'json']));
    assert.deepEqual(
      out.DBEngineVersions.map((v: DBEngineVersion) => [v.Engine, v.EngineVersion, v.DBParameterGroupFamily]),
      [['mysql', '8.4.11', 'mysql8.4']],
    );
  });

  test("ModifyDBInstance EngineVersion: RDS's refusals, and a major version upgrade only at once (test/major-upgrade.test.ts)", async () => {
    const refused = async (input: Parameters<typeof modify>[0]) => {
      const failure = await rdsFailure(modify(input));
      return [failure.code, failure.message];
    };
    assert.deepEqual(await refused({ EngineVersion: '8.0.27' }), ['InvalidParameterCombination', 'Cannot find version 8.0.27 for mysql']);
    assert.deepEqual(await refused({ EngineVersion: '8.0.43' }), ['InvalidParameterCombination', 'Cannot upgrade mysql from 8.0.44 to 8.0.43']);
    assert.deepEqual(await refused({ EngineVersion: '5.7', AllowMajorVersionUpgrade: true }), ['InvalidParameterCombination', 'Cannot find upgrade path from 8.0.44 to 5.7.']);
    assert.deepEqual(await refused({ EngineVersion: '8.4.11' }), [
      'InvalidParameterCombination',
      'The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.',
    ]);
    assert.deepEqual(await refused({ EngineVersion: '8.4.11', AllowMajorVersionUpgrade: true }), [
      'InvalidParameterCombination',
      'openrds applies a major version upgrade at once: set ApplyImmediately (it has no maintenance window).',
    ]);
    const alone = await modify({ AllowMajorVersionUpgrade: true });
    assert.deepEqual([alone.DBInstance?.DBInstanceStatus, alone.DBInstance?.EngineVersion], ['available', '8.0.44'], 'the flag alone changes nothing');
  });

  test('ModifyDBInstance EngineVersion: a minor upgrade now (upgrading, events), or pending until the reboot', async () => {
    const now = await modify({ EngineVersion: '8.0.45', ApplyImmediately: true });
    assert.equal(now.DBInstance?.DBInstanceStatus, 'upgrading');
    const upgraded = await waitForStatus(t.rds, 'my80', 'available');
    assert.equal(upgraded.EngineVersion, '8.0.45');
    const messages = await eventMessages(t.rds, 'my80');
    assert.ok(messages.includes('The engine version upgrade started.'), messages.join(' | '));
    assert.ok(messages.includes('The engine version upgrade finished.: now 8.0.45'), messages.join(' | '));

    // A major named alone means its default version; without ApplyImmediately it waits for the reboot.
    const later = await modify({ EngineVersion: '8.0' });
    assert.deepEqual([later.DBInstance?.EngineVersion, later.DBInstance?.PendingModifiedValues?.EngineVersion], ['8.0.45', '8.0.46-rds.20260908']);
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'my80' }));
    const rebooted = await waitForStatus(t.rds, 'my80', 'available');
    assert.deepEqual([rebooted.EngineVersion, rebooted.PendingModifiedValues?.EngineVersion], ['8.0.46-rds.20260908', undefined]);
    await using conn = await connectTo(rebooted, 'admin', PASSWORD);
    assert.equal((await rows<{ one: number }>(conn, 'SELECT 1 AS one'))[0]?.one, 1, 'it serves again after the upgrade');
  });
});
