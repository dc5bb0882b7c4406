/**
 * What each RDS engine version's core procedures answer, as `said()` shows it (M = result set,
 * m = lower-case `message` column, E errno = error), from ../shared/reference/rds-versions.md and
 * rds-contract.md; 8.4's texts are derived from 8.0's by the renamed procedures. The tests' own
 * table: the server's (sql/template/15-rds_messages.sql) is never read here.
 */
export interface VersionCase {
  readonly label: string;
  readonly create: { readonly Engine: 'mysql' | 'mariadb'; readonly EngineVersion: string };
  /** The names of the set/reset procedures on this version. */
  readonly setMaster: string;
  readonly reset: string;
  /** The other version's names, which answer ERROR 1305 here. */
  readonly absent: readonly string[];
  /** rds_history actions written before each call ("Starting: ..."), none before 8.0. */
  readonly starting: (action: string) => readonly string[];
  readonly texts: {
    readonly notConfigured: { readonly start: string; readonly stop: string; readonly reset: string };
    readonly alreadyStopped: string;
    readonly started: string;
    readonly stopped: string;
    readonly mayBeRunning: string;
    readonly mightBeRunning: string;
    readonly cantModify: string;
    readonly failed: string;
    readonly reset: string;
    readonly invalid: string;
  };
  readonly hasReplicaStatus: boolean;
}

const E = (text: string) => `E 1644 ${text}`;
const notConfigured = (first: string) => ({
  start: E(`You can't start replication because the replica isn't configured. First call mysql.${first}.`),
  stop: E(`You can't stop replication because the replica isn't configured. First call mysql.${first}.`),
  reset: E(`You can't reset replication because replication isn't configured. First run mysql.${first}.`),
});
const FIVE = {
  notConfigured: notConfigured('rds_set_external_master'),
  alreadyStopped: 'M Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;',
  started: 'M Slave running normally.',
  stopped: 'M Slave is down or disabled',
  mayBeRunning: 'M Replication may already be running. Call rds_stop_replication to stop replication',
  mightBeRunning: E('Replication might be running. First call mysql.rds_stop_replication.'),
  cantModify: E("You can't modify replication because replication is running. First call mysql.rds_stop_replication."),
  failed: E('Slave has encountered an error. Run SHOW SLAVE STATUS\\G; to see the error.'),
  reset: 'M Slave has been reset',
  invalid: E('Invalid arguments'),
};
const EIGHT = {
  ...FIVE,
  alreadyStopped: E('Slave is already stopped or may not be configured. Run SHOW SLAVE STATUS\\G;'),
  started: 'M Replication started. Slave is now running normally.',
  stopped: 'M Slave is now down or disabled',
  mayBeRunning: E('Replication may already be running. Call rds_stop_replication to stop replication'),
  reset: 'm Slave has been reset',
};
/** The procedure names of each generation: `master` up to 8.0, `source` from 8.4 (the other's answer ERROR 1305). */
const MASTER_NAMED = { setMaster: 'rds_set_external_master', reset: 'rds_reset_external_master', absent: ['rds_set_external_source', 'rds_reset_external_source'] };
const SOURCE_NAMED = { setMaster: 'rds_set_external_source', reset: 'rds_reset_external_source', absent: ['rds_set_external_master', 'rds_reset_external_master'] };
const none = () => [];
const startingRow = (action: string) => [`Starting: ${action}`];

export const VERSION_CASES: readonly VersionCase[] = [
  { label: 'RDS for MariaDB 10.11', create: { Engine: 'mariadb', EngineVersion: '10.11' }, ...MASTER_NAMED, starting: none, texts: FIVE, hasReplicaStatus: true },
  { label: 'RDS for MySQL 5.7', create: { Engine: 'mysql', EngineVersion: '5.7' }, ...MASTER_NAMED, starting: none, texts: FIVE, hasReplicaStatus: false },
  { label: 'RDS for MySQL 8.0', create: { Engine: 'mysql', EngineVersion: '8.0.46' }, ...MASTER_NAMED, starting: startingRow, texts: EIGHT, hasReplicaStatus: false },
  {
    label: 'RDS for MySQL 8.4',
    create: { Engine: 'mysql', EngineVersion: '8.4' },
    ...SOURCE_NAMED,
    starting: startingRow,
    texts: { ...EIGHT, notConfigured: notConfigured('rds_set_external_source') },
    hasReplicaStatus: false,
  },
];
