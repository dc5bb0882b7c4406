import type { ParameterDefinition } from '../engine.js';

/**
 * The server variables users may see and set through DB parameter groups, as RDS for MariaDB
 * offers them: dynamic ones apply at once (SET GLOBAL), static ones at the next reboot (option file).
 * Variables RDS keeps for itself (server_id, log_bin, ...) are listed as not modifiable.
 */
const boolean = { dataType: 'boolean', allowedValues: '0,1' } as const;
const integer = (min: number, max: number) => ({ dataType: 'integer', allowedValues: `${min}-${max}` }) as const;
const oneOf = (...values: string[]) => ({ dataType: 'string', allowedValues: values.join(',') }) as const;

export const MARIADB_PARAMETERS: readonly ParameterDefinition[] = [
  { name: 'read_only', ...boolean, dynamic: true, modifiable: true, defaultValue: '{TrueIfReplica}', description: 'When set to 1, only replication and users with READ ONLY ADMIN can write.' },
  { name: 'max_connections', ...integer(1, 100000), dynamic: true, modifiable: true, defaultValue: '100', description: 'The number of simultaneous client connections allowed.' },
  { name: 'wait_timeout', ...integer(1, 31536000), dynamic: true, modifiable: true, defaultValue: '28800', description: 'Seconds the server waits for activity on a connection before closing it.' },
  { name: 'interactive_timeout', ...integer(1, 31536000), dynamic: true, modifiable: true, defaultValue: '28800', description: 'Seconds the server waits for activity on an interactive connection.' },
  { name: 'max_allowed_packet', ...integer(1024, 1073741824), dynamic: true, modifiable: true, defaultValue: '16777216', description: 'Maximum size of one packet or any generated string.' },
  { name: 'long_query_time', dataType: 'float', allowedValues: '0-31536000', dynamic: true, modifiable: true, defaultValue: '10', description: 'Queries slower than this many seconds go to the slow query log.' },
  { name: 'slow_query_log', ...boolean, dynamic: true, modifiable: true, defaultValue: '0', description: 'Enables the slow query log.' },
  { name: 'general_log', ...boolean, dynamic: true, modifiable: true, defaultValue: '0', description: 'Enables the general query log.' },
  { name: 'event_scheduler', ...oneOf('ON', 'OFF'), dynamic: true, modifiable: true, defaultValue: 'OFF', description: 'Runs scheduled events.' },
  { name: 'sql_mode', dataType: 'string', allowedValues: '[A-Z_,]*', dynamic: true, modifiable: true, defaultValue: 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION', description: 'The SQL modes of new sessions.' },
  { name: 'innodb_lock_wait_timeout', ...integer(1, 1073741824), dynamic: true, modifiable: true, defaultValue: '50', description: 'Seconds a transaction waits for a row lock.' },
  { name: 'lock_wait_timeout', ...integer(1, 31536000), dynamic: true, modifiable: true, defaultValue: '86400', description: 'Seconds to wait for a metadata lock.' },
  { name: 'innodb_flush_log_at_trx_commit', ...oneOf('0', '1', '2'), dynamic: true, modifiable: true, defaultValue: '1', description: 'How the redo log is written and flushed at commit.' },
  { name: 'sync_binlog', ...integer(0, 4294967295), dynamic: true, modifiable: true, defaultValue: '0', description: 'Synchronise the binary log to disk after this many writes.' },
  // RDS: MIXED on RDS for MariaDB and RDS for MySQL up to 8.0, ROW on 8.4 (rds-versions.md section 5).
  { name: 'binlog_format', ...oneOf('ROW', 'STATEMENT', 'MIXED'), dynamic: true, modifiable: true, defaultValue: 'MIXED', familyDefaults: { 'mysql8.4': 'ROW' }, description: 'The binary logging format.' },
  { name: 'binlog_row_image', ...oneOf('FULL', 'MINIMAL', 'NOBLOB'), dynamic: true, modifiable: true, defaultValue: 'FULL', description: 'Which columns row events carry.' },
  { name: 'max_binlog_size', ...integer(4096, 1073741824), dynamic: true, modifiable: true, defaultValue: '1073741824', description: 'The binary log rotates beyond this size.' },
  // 0 as on RDS: the master user's CREATE TRIGGER / FUNCTION fail with ERROR 1419 until a group sets 1.
  { name: 'log_bin_trust_function_creators', ...boolean, dynamic: true, modifiable: true, defaultValue: '0', description: 'Lets users without SUPER create functions and triggers with binary logging on.' },
  { name: 'tmp_table_size', ...integer(1024, 68719476736), dynamic: true, modifiable: true, defaultValue: '16777216', description: 'Largest in-memory internal temporary table.' },
  { name: 'max_heap_table_size', ...integer(16384, 68719476736), dynamic: true, modifiable: true, defaultValue: '16777216', description: 'Largest user-created MEMORY table.' },
  { name: 'table_open_cache', ...integer(1, 1048576), dynamic: true, modifiable: true, defaultValue: '400', description: 'Open tables kept for all threads.' },
  { name: 'thread_cache_size', ...integer(0, 16384), dynamic: true, modifiable: true, defaultValue: '151', description: 'Threads kept for reuse.' },
  { name: 'local_infile', ...boolean, dynamic: true, modifiable: true, defaultValue: '1', description: 'Allows LOAD DATA LOCAL INFILE.' },
  { name: 'slave_net_timeout', ...integer(1, 31536000), dynamic: true, modifiable: true, defaultValue: '60', description: 'Seconds a replica waits for data from its source before reconnecting.' },
  // Changing these while replication runs is refused by the server: applied at the next reboot.
  { name: 'slave_parallel_threads', ...integer(0, 16383), dynamic: false, modifiable: true, defaultValue: '0', description: 'Parallel replication worker threads.' },
  { name: 'slave_parallel_mode', ...oneOf('optimistic', 'conservative', 'aggressive', 'minimal', 'none'), dynamic: false, modifiable: true, defaultValue: 'optimistic', description: 'How transactions are applied in parallel.' },
  { name: 'innodb_buffer_pool_size', ...integer(5242880, 137438953472), dynamic: false, modifiable: true, defaultValue: '{DBInstanceClassMemory*3/4}', description: 'The InnoDB buffer pool (openrds gives a class 1/48 of its AWS memory: 16 MiB of pool for db.t3.micro, 128 MiB for db.m5.large).' },
  { name: 'innodb_log_file_size', ...integer(16777216, 549755813888), dynamic: false, modifiable: true, defaultValue: '{max(16777216,DBInstanceClassMemory*3/4)}', description: 'The size of the InnoDB redo log.' },
  { name: 'character_set_server', ...oneOf('utf8mb4', 'utf8mb3', 'latin1', 'ascii', 'binary'), dynamic: false, modifiable: true, defaultValue: 'utf8mb4', description: 'The default character set.' },
  { name: 'performance_schema', ...boolean, dynamic: false, modifiable: true, defaultValue: '0', description: 'Enables the Performance Schema.' },
  { name: 'server_id', ...integer(1, 4294967295), dynamic: false, modifiable: false, defaultValue: '{ServerId}', description: 'Set by openrds: unique per instance.' },
  { name: 'log_bin', ...boolean, dynamic: false, modifiable: false, defaultValue: '1', description: 'Set by openrds: binary logging is always on.' },
  { name: 'skip_name_resolve', ...boolean, dynamic: false, modifiable: false, defaultValue: '1', description: 'Set by openrds: accounts are matched by address.' },
  { name: 'lower_case_table_names', ...oneOf('0', '1'), dynamic: false, modifiable: false, defaultValue: '0', description: 'Fixed when the data directory is created.' },
];
