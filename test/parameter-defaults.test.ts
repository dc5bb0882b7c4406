/**
 * The parameter defaults that decide what a runbook sees, as RDS sets them per engine version
 * (rds-versions.md §5): binlog_format MIXED up to 8.0 and on MariaDB, ROW on 8.4;
 * log_bin_trust_function_creators 0, so pt-online-schema-change (which creates triggers) fails
 * for the master user with ERROR 1419 until a DB parameter group sets it to 1 — then it works,
 * and a read replica of the MIXED source holds the same rows.
 */
import {
  CreateDBParameterGroupCommand,
  DescribeDBParametersCommand,
  DescribeEngineDefaultParametersCommand,
  ModifyDBInstanceCommand,
  ModifyDBParameterGroupCommand,
  RebootDBInstanceCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { waitForStatus } from '../kit/api.js';
import { done, notYet, poll } from '../kit/poll.js';
import { createInstance, createReplica } from './support/cluster.js';
import { connectTo, startTestService, type TestService } from './support/service.js';

const run = promisify(execFile);
const PASSWORD = 'Secret-pass1';

/** pt-online-schema-change as the master user; its output, and whether it succeeded. */
async function ptOsc(instance: DBInstance, alter: string): Promise<{ ok: boolean; output: string }> {
  const dsn = `D=app,t=items,h=127.0.0.1,P=${instance.Endpoint!.Port},u=admin,p=${PASSWORD}`;
  // --recursion-method=none: every instance here has the same host name (mariadb-notes.md)
  return run('pt-online-schema-change', ['--alter', alter, dsn, '--execute', '--recursion-method=none'], { timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
}

describe('parameter defaults per engine version', () => {
  let t: TestService;
  let m80: DBInstance;
  let m84: DBInstance;
  let admin80: Connection & AsyncDisposable;

  const variables = async (instance: DBInstance) => {
    await using conn = await connectTo(instance, 'admin', PASSWORD);
    const [[row]] = await conn.query<RowDataPacket[]>('SELECT @@binlog_format AS format, @@log_bin_trust_function_creators AS trust');
    return [row!.format, Number(row!.trust)];
  };
  const defaultOf = async (group: string, name: string) => {
    const out = await t.rds.send(new DescribeDBParametersCommand({ DBParameterGroupName: group }));
    return out.Parameters?.find((p) => p.ParameterName === name)?.ParameterValue;
  };

  before(async () => {
    t = await startTestService();
    [m80, m84] = await Promise.all([
      createInstance(t.rds, 'def80', PASSWORD, { Engine: 'mysql', EngineVersion: '8.0' }),
      createInstance(t.rds, 'def84', PASSWORD, { Engine: 'mysql', EngineVersion: '8.4' }),
    ]);
    admin80 = await connectTo(m80, 'admin', PASSWORD);
    await admin80.query('CREATE TABLE app.items (id INT PRIMARY KEY, name VARCHAR(20))');
    await admin80.query("INSERT INTO app.items VALUES (1, 'pen'), (2, 'ink'), (3, 'pad')");
  });
  after(async () => {
    await admin80?.end();
    await t?.[Symbol.asyncDispose]();
  });

  test('binlog_format MIXED on 8.0 and ROW on 8.4; log_bin_trust_function_creators 0 on both', async () => {
    assert.deepEqual(await variables(m80), ['MIXED', 0]);
    assert.deepEqual(await variables(m84), ['ROW', 0]);
    assert.equal(await defaultOf('default.mysql8.0', 'binlog_format'), 'MIXED');
    assert.equal(await defaultOf('default.mysql8.4', 'binlog_format'), 'ROW');
    assert.equal(await defaultOf('default.mysql8.4', 'log_bin_trust_function_creators'), '0');
    const engine = await t.rds.send(new DescribeEngineDefaultParametersCommand({ DBParameterGroupFamily: 'mysql8.4' }));
    assert.equal(engine.EngineDefaults?.Parameters?.find((p) => p.ParameterName === 'binlog_format')?.ParameterValue, 'ROW');
  });

  test('pt-online-schema-change fails with ERROR 1419 as on RDS, and works once a parameter group trusts function creators', async () => {
    const refused = await ptOsc(m80, 'ADD COLUMN note VARCHAR(20)');
    assert.equal(refused.ok, false);
    assert.match(refused.output, /You do not have the SUPER privilege and binary logging is enabled/);
    assert.match(refused.output, /`app`\.`items` was not altered/);

    await t.rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'osc', DBParameterGroupFamily: 'mysql8.0', Description: 'pt-osc' }));
    await t.rds.send(new ModifyDBParameterGroupCommand({
      DBParameterGroupName: 'osc',
      Parameters: [{ ParameterName: 'log_bin_trust_function_creators', ParameterValue: '1', ApplyMethod: 'immediate' }],
    }));
    const modified = await t.rds.send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'def80', DBParameterGroupName: 'osc', ApplyImmediately: true }));
    assert.equal(modified.DBInstance?.DBParameterGroups?.[0]?.ParameterApplyStatus, 'pending-reboot');
    assert.deepEqual(await variables(m80), ['MIXED', 0], "a new group's values wait for the reboot, dynamic ones too");
    await t.rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: 'def80' }));
    m80 = await waitForStatus(t.rds, 'def80', 'available');
    assert.deepEqual(await variables(m80), ['MIXED', 1], 'the group applied at the reboot; binlog_format is still the family default');

    const replica = await createReplica(t.rds, 'def80-r', 'def80');
    const altered = await ptOsc(m80, 'ADD COLUMN note VARCHAR(20)');
    assert.ok(altered.ok, altered.output);
    assert.match(altered.output, /Successfully altered `app`\.`items`/);
    await using source = await connectTo(m80, 'admin', PASSWORD);
    await source.query("UPDATE app.items SET note = CONCAT(name, '!') WHERE id < 3");
    const [rows] = await source.query<RowDataPacket[]>('SELECT id, name, note FROM app.items ORDER BY id');
    assert.deepEqual(rows.map((r) => [r.id, r.name, r.note]), [[1, 'pen', 'pen!'], [2, 'ink', 'ink!'], [3, 'pad', null]]);
    // the replica (MIXED binary logs from its source) holds the same rows
    await using onReplica = await connectTo(replica, 'admin', PASSWORD);
    await poll('the replica has the altered table and rows', async () => {
      const [seen] = await onReplica.query<RowDataPacket[]>('SELECT id, name, note FROM app.items ORDER BY id').catch(() => [[]] as RowDataPacket[][]);
      const got = seen.map((r) => [r.id, r.name, r.note]);
      return JSON.stringify(got) === JSON.stringify(rows.map((r) => [r.id, r.name, r.note])) ? done(undefined) : notYet(got);
    });
  });
});
