import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { BENCH_PASSWORD } from './bench-service.js';

const run = promisify(execFile);

/** The sysbench tables of one benchmark: `tables` tables of `tableSize` rows in `database`. */
export interface SysbenchTables {
  readonly port: number;
  readonly database: string;
  readonly tables: number;
  readonly tableSize: number;
}

function sysbenchArgs({ port, database, tables, tableSize }: SysbenchTables): string[] {
  return [
    '--db-driver=mysql',
    '--mysql-host=127.0.0.1',
    `--mysql-port=${port}`,
    '--mysql-user=admin',
    `--mysql-password=${BENCH_PASSWORD}`,
    `--mysql-db=${database}`,
    `--tables=${tables}`,
    `--table-size=${tableSize}`,
  ];
}

/** Creates the database and fills its tables (as the master user, like any application would). */
export async function prepareTables(target: SysbenchTables): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: target.port, user: 'admin', password: BENCH_PASSWORD });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${target.database}\``);
  } finally {
    await conn.end();
  }
  await run('sysbench', ['oltp_write_only', ...sysbenchArgs(target), '--threads=2', 'prepare'], { maxBuffer: 64 * 1024 * 1024 });
}

/** Runs `oltp_write_only` for `seconds` with `threads` threads; resolves with its transactions per second. */
export function writeBurst(target: SysbenchTables, seconds: number, threads: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('sysbench', ['oltp_write_only', ...sysbenchArgs(target), `--threads=${threads}`, `--time=${seconds}`, 'run'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const tps = /transactions:\s+\d+\s+\(([\d.]+) per sec/.exec(out)?.[1];
      if (code !== 0 || !tps) reject(new Error(`sysbench failed (${code}): ${out.slice(-500)}`));
      else resolve(Number(tps));
    });
  });
}

/** Starts `oltp_write_only` with `threads` threads, running until it is killed. */
export function startLoad(target: SysbenchTables, threads: number): ChildProcess {
  return spawn('sysbench', ['oltp_write_only', ...sysbenchArgs(target), `--threads=${threads}`, '--time=0', 'run'], { stdio: 'ignore' });
}
