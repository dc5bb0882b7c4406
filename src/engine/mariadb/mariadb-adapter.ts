import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type {
  BinlogStop,
  Command,
  CopyPosition,
  Credentials,
  EngineAdapter,
  InstanceLayout,
  OperatorClient,
  OperatorFailure,
  ParameterDefinition,
  RepairScriptSession,
  ReservedSecrets,
  ServerEndpoint,
  ServerSettings,
  ScriptSession,
} from '../engine.js';
import { findMariaDBBinaries, type MariaDBBinaries } from './mariadb-binaries.js';
import { binlogBaseName, renderOptionFile } from './mariadb-options.js';
import { OperatorSession, operatorFailure, repairReserved } from './operator-session.js';
import { MARIADB_PARAMETERS } from './mariadb-parameters.js';
import { MariaDBScriptSession } from './script-session.js';

const run = promisify(execFile);

/** MariaDB from the distribution's packages. */
export class MariaDBAdapter implements EngineAdapter {
  readonly name = 'mariadb';
  /** mariadb-install-db --auth-root-authentication-method=normal leaves root@localhost with an empty password. */
  readonly bootstrapAccount = Object.freeze({ user: 'root', password: '' });
  readonly parameters: readonly ParameterDefinition[] = MARIADB_PARAMETERS;
  /**
   * - Serial apply: with commits that do not wait for the disk (below), one applier thread applied
   *   a 60 s burst of an 8-thread source in 0.30x its duration (bench/catch-up, 2 cores), where 4
   *   optimistic workers took 0.34x and made every START SLAVE ~9 ms slower (their pool starts
   *   and stops with replication: rds_start_replication 13.3 ms against 4.7 ms). With a disk
   *   flush per commit a serial replica could not keep up (4.3x). On more cores a parameter
   *   group can set slave_parallel_threads.
   * - innodb_flush_log_at_trx_commit=2: the redo log is written to the OS at every commit and
   *   flushed once a second. A kill -9 of mariadbd loses nothing (the OS keeps the writes); only an
   *   OS crash could lose the last second, which the replica then fetches again from its source,
   *   because its GTID position (mysql.gtid_slave_pos) is in InnoDB, committed with the data.
   */
  readonly replicaDefaults = Object.freeze({
    slave_parallel_threads: 0,
    slave_parallel_mode: 'optimistic',
    innodb_flush_log_at_trx_commit: 2,
  });
  /**
   * Server settings of an instance that is not a read replica: its replication connection is the
   * master user's (rds_set_external_master), to a server the master user may control. The SQL
   * thread applies with every privilege, so account statements (GRANT, CREATE/ALTER/RENAME/DROP
   * USER, roles) and writes to mysql.* from there are not applied: MariaDB filters both with a
   * wildcard table filter on `mysql` (measured on 10.11: GRANT ALL ... ON *.*, CREATE USER, SET
   * PASSWORD and row and statement writes to mysql.global_priv and mysql.db are skipped; routines
   * and events are not tables and pass, so the guard checks those). `sys` likewise: its views
   * are mariadb.sys's, and the guard reads them only after other damage. Read replicas keep
   * replicating their source's users, as on RDS. One pattern a line: in an option file,
   * `mysql.%,sys.%` is a single pattern that matches nothing (measured).
   */
  readonly externalSourceDefaults = Object.freeze({
    replicate_wild_ignore_table: Object.freeze(['mysql.%', 'sys.%']),
  });
  #version: string | undefined;

  /**
   * RDS's formula for the buffer pool, {DBInstanceClassMemory*3/4}, and a redo log as large as
   * the pool (at least 16 MiB): a working set that fits the pool is then written back in large
   * checkpoints instead of page by page (bench/catch-up: a 16 MiB pool under a 60 MB working set
   * applied a burst 10x slower than a 128 MiB one).
   */
  memorySettings(classMemory: number): Readonly<Record<string, number>> {
    const mib = 2 ** 20;
    const bufferPool = Math.max(8 * mib, Math.round((classMemory * 3) / 4 / mib) * mib);
    return { innodb_buffer_pool_size: bufferPool, innodb_log_file_size: Math.max(16 * mib, bufferPool) };
  }

  private constructor(readonly binaries: MariaDBBinaries) {}

  openOperator(endpoint: ServerEndpoint, password: string): Promise<OperatorClient> {
    return OperatorSession.open(endpoint, password);
  }

  operatorFailure(error: unknown): OperatorFailure {
    return operatorFailure(error);
  }

  repairReserved(endpoint: ServerEndpoint, secrets: ReservedSecrets, passes: number): Promise<string[]> {
    return repairReserved(endpoint, secrets, passes);
  }

  openScriptSession(endpoint: ServerEndpoint, account: Credentials): Promise<ScriptSession> {
    return MariaDBScriptSession.open(endpoint, account);
  }

  openRepairScriptSession(endpoint: ServerEndpoint): Promise<RepairScriptSession> {
    return MariaDBScriptSession.openForRepair(endpoint, 'openrds-upgrade');
  }

  static async create(): Promise<MariaDBAdapter> {
    return new MariaDBAdapter(await findMariaDBBinaries());
  }

  async version(): Promise<string> {
    if (this.#version === undefined) {
      const { stdout } = await run(this.binaries.server, ['--version']);
      const match = /Ver\s+(\d+\.\d+\.\d+)/.exec(stdout);
      if (!match?.[1]) throw new Error(`cannot read the MariaDB version from: ${stdout.trim()}`);
      this.#version = match[1];
    }
    return this.#version;
  }

  optionFile(layout: InstanceLayout, settings: ServerSettings, runsAsRoot: boolean): string {
    return renderOptionFile(layout, settings, runsAsRoot);
  }

  initialiseCommand(layout: InstanceLayout, runsAsRoot: boolean): Command {
    return {
      file: this.binaries.installDb,
      args: [
        `--defaults-file=${layout.optionFile}`,
        ...(runsAsRoot ? ['--user=root'] : []),
        '--skip-test-db',
        '--auth-root-authentication-method=normal',
      ],
    };
  }

  clientCommand(address: { readonly host: string; readonly port: number }, user: string, extraArgs: readonly string[]): Command {
    return {
      file: this.binaries.client,
      args: [`--host=${address.host}`, `--port=${address.port}`, `--user=${user}`, ...extraArgs],
    };
  }

  hotCopyCommand(source: InstanceLayout, user: string, targetDir: string): Command {
    // Written straight into the target: streaming (xbstream | mbstream) measured ~20% slower here.
    // The redo log is polled every 10 ms instead of every second: the copy ends when the log
    // thread has caught up, so the default interval added up to a second to every copy.
    return {
      file: this.binaries.backup,
      args: [
        `--defaults-file=${source.optionFile}`,
        '--backup',
        '--log-copy-interval=10',
        // Files are copied by 4 threads: a cold 1.2 GB copy took 1.4-1.9 s so, 1.9-3.8 s with one (cp -a: 0.7-0.9 s).
        '--parallel=4',
        `--target-dir=${targetDir}`,
        `--socket=${source.socketPath}`,
        `--user=${user}`,
      ],
    };
  }

  prepareCommand(dataDir: string): Command {
    // Replaying the redo written during the copy is the slow part under load: give it memory.
    return { file: this.binaries.backup, args: ['--prepare', `--target-dir=${dataDir}`, '--use-memory=256M'] };
  }

  async readCopyPosition(dataDir: string): Promise<CopyPosition> {
    // mariadb-backup writes "<file> <position> <gtid>" (tab-separated) here.
    const text = await readFile(join(dataDir, 'xtrabackup_binlog_info'), 'utf8');
    const [binlogFile, position, gtid] = text.trim().split(/\s+/);
    if (!binlogFile || !position) throw new Error(`unexpected xtrabackup_binlog_info: ${text}`);
    return { binlogFile, binlogPosition: Number(position), gtid: gtid ?? '' };
  }

  async binaryLogFiles(dataDir: string): Promise<string[]> {
    // The index lists them oldest first, one `./<name>` a line; the base name is binlogBaseName's.
    const text = await readFile(join(dataDir, `${binlogBaseName(dataDir)}.index`), 'utf8').catch(() => '');
    return text.split('\n').map((line) => line.trim().replace(/^.*\//, '')).filter(Boolean);
  }

  binlogEventsCommand(files: readonly string[], startPosition: number, stop: BinlogStop): Command {
    // --stop-datetime is read in the client's time zone: the placement runs it with TZ=UTC.
    const at = stop.time?.toISOString().slice(0, 19).replace('T', ' ');
    return {
      file: this.binaries.binlog,
      args: [
        `--start-position=${startPosition}`,
        ...(at ? [`--stop-datetime=${at}`] : []),
        ...(stop.position !== undefined ? [`--stop-position=${stop.position}`] : []),
        ...files,
      ],
    };
  }

  replayClientCommand(socketPath: string): Command {
    // Grant tables off (a server started for repair): FLUSH PRIVILEGES loads them, so the account
    // statements of the log apply, and this session keeps every privilege (BINLOG, gtid_seq_no).
    // No disk flush per replayed commit: the server is stopped cleanly after the replay (which
    // writes everything out), and a replay that dies takes the half-made copy with it
    // (docs/performance.md, point-in-time restore).
    const init = 'FLUSH PRIVILEGES; SET GLOBAL innodb_flush_log_at_trx_commit = 0, GLOBAL sync_binlog = 0';
    return {
      file: this.binaries.client,
      args: [`--socket=${socketPath}`, '--user=openrds-replay', `--init-command=${init}`, '--binary-mode', '--max-allowed-packet=1G'],
    };
  }

  serverCommand(layout: InstanceLayout): Command {
    return { file: this.binaries.server, args: [`--defaults-file=${layout.optionFile}`] };
  }
}
