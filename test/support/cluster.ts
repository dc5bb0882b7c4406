import {
  CreateDBInstanceCommand,
  CreateDBInstanceReadReplicaCommand,
  CreateDBParameterGroupCommand,
  DescribeEventsCommand,
  ModifyDBParameterGroupCommand,
  type DBInstance,
  type RDSClient,
} from '@aws-sdk/client-rds';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { waitForStatus } from '../../kit/api.js';
import { after, before } from 'node:test';
import { done, notYet, poll } from '../../kit/poll.js';
import { connectTo, startTestService, type TestService } from './service.js';

/**
 * A DB parameter group of `family` with log_bin_trust_function_creators = 1: what a user sets so
 * that the master user may create triggers and functions (0 by default, as on RDS). Attack suites
 * use it so that what refuses a definer trick is the privilege check, not that default.
 */
export async function trustingFunctionCreators(rds: RDSClient, family = 'mariadb10.11'): Promise<string> {
  const name = `trust-creators-${family.replace('.', '-')}`;
  await rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: name, DBParameterGroupFamily: family, Description: 'triggers and functions' }));
  await rds.send(new ModifyDBParameterGroupCommand({
    DBParameterGroupName: name,
    Parameters: [{ ParameterName: 'log_bin_trust_function_creators', ParameterValue: '1', ApplyMethod: 'immediate' }],
  }));
  return name;
}

/** Whether the long versions of the reliability tests run (OPENRDS_LONG=1). */
export const LONG = process.env.OPENRDS_LONG === '1';

/** Figures the long run collects for docs/reliability.md (OPENRDS_FIGURES=file: JSON lines appended). */
export async function recordFigure(figure: Record<string, unknown>): Promise<void> {
  const file = process.env.OPENRDS_FIGURES;
  if (!file) return;
  const { appendFile } = await import('node:fs/promises');
  await appendFile(file, JSON.stringify(figure) + '\n');
}


export async function createInstance(rds: RDSClient, id: string, password: string, extra: Record<string, unknown> = {}): Promise<DBInstance> {
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: id,
      Engine: 'mariadb',
      DBInstanceClass: 'db.t3.micro',
      MasterUsername: 'admin',
      MasterUserPassword: password,
      DBName: 'app',
      ...extra,
    }),
  );
  return waitForStatus(rds, id, 'available');
}

/** A suite's service, its one instance and the master user's connection to it (withInstance). */
export interface InstanceFixture {
  readonly t: TestService;
  readonly instance: DBInstance;
  readonly admin: Connection & AsyncDisposable;
}

/**
 * In a describe block: a service with one instance (createInstance's, `extra` added) and the
 * master user's connection to it, made before the suite's tests and gone after them.
 */
export function withInstance(
  id: string,
  password: string,
  extra: Record<string, unknown> | ((rds: RDSClient) => Promise<Record<string, unknown>>) = {},
): InstanceFixture {
  const fixture = {} as { -readonly [K in keyof InstanceFixture]: InstanceFixture[K] };
  before(async () => {
    fixture.t = await startTestService();
    fixture.instance = await createInstance(fixture.t.rds, id, password, typeof extra === 'function' ? await extra(fixture.t.rds) : extra);
    fixture.admin = await connectTo(fixture.instance, 'admin', password);
  });
  after(async () => {
    fixture.admin?.destroy();
    await fixture.t?.[Symbol.asyncDispose]();
  });
  return fixture;
}

export async function createReplica(rds: RDSClient, id: string, sourceId: string): Promise<DBInstance> {
  await rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: id, SourceDBInstanceIdentifier: sourceId }));
  return waitForStatus(rds, id, 'available', 120_000);
}


export async function eventMessages(rds: RDSClient, id: string): Promise<string[]> {
  const out = await rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: id, Duration: 600 }));
  return (out.Events ?? []).map((e) => e.Message ?? '');
}


export async function rows<T = RowDataPacket>(conn: Connection, sql: string, values: unknown[] = []): Promise<T[]> {
  const [result] = await conn.query<RowDataPacket[]>(sql, values);
  return result as T[];
}

/** The replica's SHOW SLAVE STATUS, as the master user sees it through mysql.rds_replica_status. */
export async function replicaStatus(conn: Connection): Promise<Record<string, unknown> | undefined> {
  const [results] = await conn.query<RowDataPacket[][]>('CALL mysql.rds_replica_status()');
  return results[0]?.[0];
}

/** CHECKSUM TABLE of every base table outside the system schemas: `db.table` -> checksum. */
export async function checksumAll(conn: Connection): Promise<Map<string, string>> {
  const tables = await rows<{ s: string; t: string }>(
    conn,
    `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t FROM information_schema.TABLES
      WHERE TABLE_TYPE = 'BASE TABLE'
        AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
      ORDER BY 1, 2`,
  );
  const sums = new Map<string, string>();
  for (const { s, t } of tables) {
    const [r] = await rows<{ Checksum: unknown }>(conn, `CHECKSUM TABLE \`${s}\`.\`${t}\` EXTENDED`);
    sums.set(`${s}.${t}`, String(r?.Checksum));
  }
  return sums;
}

/** Rows in every user table (for the figures). */
export async function countRows(conn: Connection): Promise<number> {
  let n = 0;
  for (const key of (await checksumAll(conn)).keys()) {
    const [db, table] = key.split('.');
    const [r] = await rows<{ n: number }>(conn, `SELECT COUNT(*) AS n FROM \`${db}\`.\`${table}\``);
    n += Number(r?.n);
  }
  return n;
}

/** Waits until the replica's tables match the source's (CHECKSUM TABLE of every table); returns the table count. */
export async function waitForSameData(source: Connection, replicas: readonly Connection[], timeoutMs = 60_000): Promise<number> {
  return poll('the replicas to have the source\'s data', async () => {
    const want = JSON.stringify([...(await checksumAll(source))]);
    const got = await Promise.all(replicas.map(async (r) => JSON.stringify([...(await checksumAll(r))])));
    return got.every((g) => g === want) ? done((JSON.parse(want) as unknown[]).length) : notYet(`source ${want}; replicas ${got.join('; ')}`);
  }, { timeoutMs, intervalMs: 100 });
}

/** mariadbd processes (not zombies) whose command line mentions `home`. */
export async function serversUnder(home: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8');
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      if (/mariadbd|mysqld/.test(cmdline.split('\0')[0] ?? '') && cmdline.includes(home) && !/^State:\s+Z/m.test(status)) {
        pids.push(Number(entry));
      }
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

/** Runs `sql`, which must fail: the MariaDB error it fails with (errno and message). */
export async function refusal(conn: Connection, sql: string): Promise<{ errno: number; message: string }> {
  try {
    await conn.query(sql);
  } catch (error) {
    const e = error as { errno: number; message: string };
    return { errno: e.errno, message: e.message };
  }
  assert.fail(`succeeded, but must be refused: ${sql}`);
}
