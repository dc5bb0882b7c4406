import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { BenchService } from './bench-service.js';

const run = promisify(execFile);

/** Binary and relay logs in a data directory (today's RDS name, the older `binlog.`, relay logs). */
export const BINARY_LOGS = /^(mysql-bin-changelog|binlog|relay-bin)\./;

/** Drops the page cache so that copies read from disk; false when this machine does not allow it. */
export async function dropCaches(): Promise<boolean> {
  try {
    await run('sync');
    await writeFile('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

/**
 * The hot-copy tool alone, as replicas are made but without the rest of the control plane: what
 * any hot copy of a running server costs here (mariadb-backup --backup, then --prepare).
 */
export async function timedToolCopy(bench: BenchService, sourceId: string): Promise<number> {
  try {
    const t0 = performance.now();
    await bench.service.control.hotCopy(sourceId, 'tool-copy');
    return performance.now() - t0;
  } finally {
    await rm(join(bench.home, 'instances', 'tool-copy'), { recursive: true, force: true });
  }
}


/** The size of a data directory without its binary and relay logs. */
export async function megabytes(path: string): Promise<number> {
  const { stdout } = await run('du', ['-sm', '--exclude=mysql-bin-changelog.*', '--exclude=binlog.*', '--exclude=relay-bin.*', path]);
  return Number(stdout.split('\t')[0]);
}
