import type { EngineAdapter } from '../engine/index.js';
import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';

/** An engine as RDS names it, and how openrds serves it: what differs is data here, not name checks. */
export interface RdsEngine {
  readonly name: InstanceRecord['engine'];
  /** The DB parameter group family of an instance created at the served `version`. */
  family(version: string): string;
  /** Refuses, with RDS's error, an EngineVersion the served `version` cannot stand for. */
  checkVersion(requested: string | undefined, version: string): void;
  /** Set when another engine serves it (an event says so at creation). */
  readonly servedBy?: string;
}

/** The engines served, by RDS name, on top of one engine adapter. */
export function rdsEngines(adapter: Pick<EngineAdapter, 'parameterFamily'>): ReadonlyMap<InstanceRecord['engine'], RdsEngine> {
  const mariadb: RdsEngine = {
    name: 'mariadb',
    family: (version) => adapter.parameterFamily(version),
    checkVersion(requested, version) {
      if (requested && !`${version}.`.startsWith(`${requested}.`)) {
        throw new RdsError('InvalidParameterCombination', `Cannot find version ${requested} for mariadb (openrds serves MariaDB ${version})`);
      }
    },
  };
  // RDS for MySQL's names and family; the server is the same MariaDB (README says what differs).
  const mysql: RdsEngine = { name: 'mysql', family: () => 'mysql8.0', checkVersion: () => undefined, servedBy: 'MariaDB' };
  return new Map([
    ['mariadb', mariadb],
    ['mysql', mysql],
  ]);
}
