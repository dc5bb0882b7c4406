import mysql from 'mysql2/promise';
import type { Credentials, RepairScriptSession, ServerEndpoint } from '../engine.js';

/**
 * A connection on the socket of a server started for repair (grant tables off: any name logs in,
 * with every privilege), the grant tables loaded so that account statements work.
 */
export async function repairConnection(endpoint: ServerEndpoint, user: string, multipleStatements = false): Promise<mysql.Connection> {
  const conn = await mysql.createConnection({ socketPath: endpoint.socketPath, user, multipleStatements });
  try {
    await conn.query('FLUSH PRIVILEGES');
  } catch (error) {
    await conn.end();
    throw error;
  }
  return conn;
}

/** A session that runs the personality's scripts, several statements each, over a server's socket. */
export class MariaDBScriptSession implements RepairScriptSession {
  private constructor(private readonly conn: mysql.Connection) {}

  /** As `account` on a running server (a fresh one's bootstrap account). */
  static async open(endpoint: ServerEndpoint, account: Credentials): Promise<MariaDBScriptSession> {
    return new MariaDBScriptSession(await mysql.createConnection({ socketPath: endpoint.socketPath, ...account, multipleStatements: true }));
  }

  /** On a server started for repair, with every privilege. */
  static async openForRepair(endpoint: ServerEndpoint, user: string): Promise<MariaDBScriptSession> {
    return new MariaDBScriptSession(await repairConnection(endpoint, user, true));
  }

  async setVariables(values: Readonly<Record<string, string>>): Promise<void> {
    const names = Object.keys(values);
    if (names.some((name) => !/^\w+$/.test(name))) throw new Error(`not a user variable name: ${names.join(', ')}`);
    await this.conn.query(`SET ${names.map((name) => `@${name} = ?`).join(', ')}`, Object.values(values));
  }

  async run(script: string): Promise<void> {
    await this.conn.query(script);
  }

  /**
   * Nothing the session runs is binary-logged, and it may create routines while binary logging
   * is on (MariaDB refuses functions otherwise: ERROR 1418). A global, but the repair server stops
   * afterwards and the instance starts again with its own value.
   */
  async unlogged(): Promise<void> {
    await this.conn.query('SET sql_log_bin = 0');
    await this.conn.query('SET GLOBAL log_bin_trust_function_creators = 1');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.conn.end();
  }
}
