import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InstanceLayout, ServerSettings, ServerVariable } from '../engine.js';

/** Tables each instance keeps for itself: RDS-managed replicas ignore them in replication. */
export const INSTANCE_LOCAL_TABLES = ['mysql.rds_history', 'mysql.rds_replication_status', 'mysql.rds_sysinfo', 'mysql.rds_channel_threads'];

/**
 * RDS's binary log name (`mysql-bin-changelog.000042`: rds_next_master_log builds it). A data
 * directory an older openrds made keeps its `binlog.*` files: renaming them would hide the events
 * a replica still has to read.
 */
export function binlogBaseName(dataDir: string): string {
  return existsSync(join(dataDir, 'binlog.index')) ? 'binlog' : 'mysql-bin-changelog';
}


const MIB = 2 ** 20;

/** A size option's value in bytes: a number, or MariaDB's `16M` / `1G` / `512K` forms. */
function bytes(value: ServerVariable): number {
  const match = /^(\d+)([KMGT]?)$/i.exec(String(value));
  if (!match) throw new Error(`not a size: ${value}`);
  const unit = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 }[match[2]!.toUpperCase()]!;
  return Number(match[1]) * unit;
}

/**
 * The option file of one instance. Small memory defaults so that tens of instances fit on a
 * laptop; binary logging on, as on RDS, so any instance can be a replication source.
 */
export function renderOptionFile(layout: InstanceLayout, settings: ServerSettings, runAsRoot: boolean): string {
  const options: Record<string, ServerVariable> = {
    ...(runAsRoot ? { user: 'root' } : {}),
    datadir: layout.dataDir,
    tmpdir: layout.tmpDir,
    // Even an account given FILE could only read and write this one directory of the instance's.
    secure_file_priv: layout.filesDir,
    socket: layout.socketPath,
    'pid-file': layout.pidFile,
    log_error: layout.errorLog,
    // Off unless a parameter group turns them on; where RDS's log names point (DescribeDBLogFiles).
    slow_query_log_file: layout.slowQueryLog,
    general_log_file: layout.generalLog,
    port: settings.port,
    'bind-address': '127.0.0.1',
    // Accounts are matched by address, never by name: 'localhost' then means the unix socket only.
    skip_name_resolve: true,
    server_id: settings.serverId,
    log_bin: binlogBaseName(layout.dataDir),
    // RDS's defaults (mariadb-parameters.ts; a family's own, e.g. 8.4's ROW, come with the settings)
    binlog_format: 'MIXED',
    relay_log: 'relay-bin',
    log_slave_updates: true,
    log_bin_trust_function_creators: false,
    replicate_ignore_table: INSTANCE_LOCAL_TABLES.join(','),
    // Small memory defaults (tens of instances on one machine): measured with bench/fleet, these
    // bring an idle instance from ~85 MB to ~40 MB PSS. The instance class and DB parameter
    // groups raise them (settings.variables).
    innodb_buffer_pool_size: 16 * MIB,
    innodb_log_file_size: 16 * MIB,
    innodb_log_buffer_size: '2M',
    // Buffered I/O (MariaDB's default is O_DIRECT): instances keep small pools, so the OS page cache
    // behind them, shared by every instance, serves their misses; and a hot copy (mariadb-backup
    // reads this file) then reads through that same cache, coherent with the server's writes. A cold
    // copy of 1.26 GB took 0.7-0.9 s so, 1.1-1.8 s with O_DIRECT reads (cp -a: 0.8-1.5 s).
    // Commits still reach the disk: fsync at every commit, as innodb_flush_log_at_trx_commit says.
    innodb_flush_method: 'fsync',
    // Aria holds only system tables here and MyISAM nothing: their caches default to 128 MB.
    aria_pagecache_buffer_size: '4M',
    key_buffer_size: '1M',
    query_cache_size: 0,
    table_open_cache: 400,
    table_definition_cache: 400,
    performance_schema: false,
    max_connections: 100,
    // Replication stays off until a procedure or the control plane starts it.
    skip_slave_start: true,
    ...settings.variables,
  };
  // The default reserves terabytes of address space for a resizable pool: reserve what is used.
  options.innodb_buffer_pool_size_max = Math.max(128 * MIB, bytes(options.innodb_buffer_pool_size!));
  const lines = ['# Written by openrds for one DB instance; changes are overwritten at the next start.', '[mariadbd]'];
  for (const [name, value] of Object.entries(options)) {
    // MariaDB turns a boolean option off with its skip- prefix (skip-log-bin, skip-networking).
    if (value === false) lines.push(`skip-${name}`);
    else if (value === true) lines.push(name);
    else if (Array.isArray(value)) for (const each of value) lines.push(`${name}=${each}`);
    else lines.push(`${name}=${value}`);
  }
  return lines.join('\n') + '\n';
}
