import mysql from 'mysql2/promise';
import { done, poll, type Wait } from './poll.js';

/** Waits until `options` can log in (the login is closed again). */
export async function waitForLogin(options: mysql.ConnectionOptions, wait: Wait = { timeoutMs: 120_000, intervalMs: 5 }): Promise<void> {
  await poll(`${options.user}@${options.host}:${options.port} to log in`, async () => {
    const conn = await mysql.createConnection(options);
    await conn.end();
    return done(undefined);
  }, wait);
}
