/** Helpers shared by the procedures-family tests: answers, history, status, the operator's session. */
import type { DBInstance } from '@aws-sdk/client-rds';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { done, notYet, poll, waitFor } from '../../kit/poll.js';
import type { TestService } from './service.js';

/** What a procedure answers: its `Message` rows (one line per row, result sets in order), or its error text. */
export async function answer(conn: Connection, sql: string, values?: unknown[]): Promise<string> {
  try {
    const [results] = await conn.query<RowDataPacket[][]>(sql, values);
    const sets = Array.isArray(results) ? results.filter(Array.isArray) : [];
    return sets.map((rows) => rows.map((r) => r.Message).join('\n')).join('\n');
  } catch (error) {
    return (error as Error).message;
  }
}

export async function lastHistory(conn: Connection): Promise<RowDataPacket | undefined> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT * FROM mysql.rds_history ORDER BY action_timestamp DESC, seq DESC LIMIT 1');
  return rows[0];
}

export async function historyCount(conn: Connection): Promise<number> {
  const [[row]] = await conn.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM mysql.rds_history');
  return Number(row!.n);
}

export async function statusRow(conn: Connection): Promise<RowDataPacket | undefined> {
  const [rows] = await conn.query<RowDataPacket[]>("SELECT * FROM mysql.rds_replication_status WHERE channel_name = ''");
  return rows[0];
}

export async function slaveStatus(conn: Connection): Promise<RowDataPacket | undefined> {
  const [rows] = await conn.query<RowDataPacket[]>('SHOW SLAVE STATUS');
  return rows[0];
}

export async function configuration(conn: Connection): Promise<Record<string, string | null>> {
  const [sets] = await conn.query<RowDataPacket[][]>('CALL mysql.rds_show_configuration()');
  return Object.fromEntries(sets[0]!.map((r) => [r.name, r.value]));
}


/** Waits until the replica's SQL thread has stopped on an error; returns SHOW SLAVE STATUS. */
export function waitForSqlError(replica: Connection, errno: number): Promise<RowDataPacket> {
  return waitFor(`SQL error ${errno}`, async () => {
    const s = await slaveStatus(replica);
    return s && s.Slave_SQL_Running === 'No' && Number(s.Last_SQL_Errno) === errno ? s : undefined;
  });
}

/** Waits until the replica has applied everything its source has written. */
export async function waitForCatchUp(replica: Connection, source: Connection, timeoutMs = 10_000): Promise<void> {
  await poll(
    'catch-up',
    async () => {
      const [[master]] = await source.query<RowDataPacket[]>('SHOW MASTER STATUS');
      const s = await slaveStatus(replica);
      const caught =
        s?.Slave_SQL_Running === 'Yes' && s.Relay_Master_Log_File === master!.File && Number(s.Exec_Master_Log_Pos) === Number(master!.Position);
      return caught
        ? done(undefined)
        : notYet({
            source: `${master!.File}:${master!.Position}`,
            executed: `${s?.Relay_Master_Log_File}:${s?.Exec_Master_Log_Pos}`,
            io: s?.Slave_IO_Running,
            sql: s?.Slave_SQL_Running,
            gtid: s?.Using_Gtid,
            ioError: s?.Last_IO_Error,
            sqlError: s?.Last_SQL_Error,
          });
    },
    timeoutMs,
  );
}

/**
 * A session as the operator (rdsadmin over the instance's unix socket), with the password the
 * control plane checks the reserved accounts against.
 */
export async function operatorSession(t: TestService, instance: DBInstance): Promise<Connection> {
  const { operator: password } = t.service.control.monitored.reservedSecrets(instance.DBInstanceIdentifier!);
  const { socketPath } = t.service.placement.endpoint(instance.DBInstanceIdentifier!, instance.Endpoint!.Port!);
  return mysql.createConnection({ socketPath, user: 'rdsadmin', password });
}

/** Strings that must reach the server as data: quotes, comments, backslashes, newlines, multi-byte text. */
export const HOSTILE = [
  "pw', MASTER_HOST='evil.example",
  "x'; DROP DATABASE shop; --",
  "back\\slash' OR '1'='1",
  'new\nline, MASTER_PORT=1',
  '`; SET GLOBAL read_only=1; `',
  'ユニコード💥',
];

/**
 * What a procedure answers, with its kind: `M text` per row of a `Message` result set (`m text` for
 * a lower-case `message` column), `E errno text` for an error, lines in order; '' for nothing.
 */
export async function said(conn: Connection, sql: string, values?: unknown[]): Promise<string> {
  try {
    const [results] = await conn.query<RowDataPacket[][]>(sql, values);
    const sets = Array.isArray(results) ? results.filter(Array.isArray) : [];
    return sets
      .flatMap((rows) => rows.map((r) => ('Message' in r ? `M ${r.Message}` : 'message' in r ? `m ${r.message}` : `? ${JSON.stringify(r)}`)))
      .join('\n');
  } catch (error) {
    return `E ${(error as { errno?: number }).errno} ${(error as Error).message}`;
  }
}
