import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';

export interface Writer {
  /** Each committed row's `n` and when its commit returned (performance.now()). */
  readonly committed: readonly { readonly n: number; readonly at: number }[];
  stop(): Promise<void>;
}

/**
 * A client that inserts `n` = 1, 2, … into `table` in a loop at one endpoint, reconnecting after any
 * error (read-only 1290, a stopped server, a refused connection): what a user's application sees.
 */
export function writer(endpoint: { host: string; port: number }, login: { user: string; password: string }, table: string): Writer {
  const committed: { n: number; at: number }[] = [];
  let stop = false;
  const loop = (async () => {
    let conn: mysql.Connection | undefined;
    for (let n = 1; !stop; ) {
      try {
        conn ??= await mysql.createConnection({ ...endpoint, ...login, connectTimeout: 1000 });
        await conn.query(`INSERT INTO ${table} (n) VALUES (?)`, [n]);
        committed.push({ n, at: performance.now() });
        n++;
      } catch (error) {
        // The row is there: it committed, but the server went away before its answer reached us.
        if ((error as { errno?: number }).errno === 1062) n++;
        conn?.destroy();
        conn = undefined;
        await sleep(5);
      }
    }
    conn?.destroy();
  })();
  return {
    committed,
    async stop() {
      stop = true;
      await loop;
    },
  };
}

/** The write downtime a writer saw: the longest time between two of its commits. */
export const longestGap = (at: readonly number[]): number => at.slice(1).reduce((max, t, i) => Math.max(max, t - at[i]!), 0);
