import type { LogFile, LogKind } from '../engine/index.js';
import { RdsError } from '../errors.js';

/**
 * RDS for MySQL's and MariaDB's log file names, and which log each is here. RDS keeps the current
 * error log as -running and copies it to mysql-error.log every few minutes; here both are the one.
 */
const RDS_LOG_NAMES: readonly (readonly [name: string, kind: LogKind])[] = [
  ['error/mysql-error-running.log', 'error'],
  ['error/mysql-error.log', 'error'],
  ['slowquery/mysql-slowquery.log', 'slow-query'],
  ['general/mysql-general.log', 'general'],
];

/** The instance's logs under RDS's names. */
export function rdsLogFiles(files: readonly LogFile[]): { name: string; file: LogFile }[] {
  return RDS_LOG_NAMES.flatMap(([name, kind]) => files.filter((f) => f.kind === kind).map((file) => ({ name, file })));
}

/** The log an RDS name stands for; DBLogFileNotFoundFault (RDS's message) when the instance has none. */
export function rdsLogFile(files: readonly LogFile[], name: string): LogFile {
  const found = rdsLogFiles(files).find((f) => f.name === name);
  if (!found) throw new RdsError('DBLogFileNotFoundFault', `DBLog File: ${name}, is not found on the DB instance`);
  return found.file;
}
