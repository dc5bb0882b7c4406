import type { LogFile, Placement } from '../engine/index.js';
import { RdsError } from '../errors.js';
import type { InstanceStates } from './instance-states.js';

/** An instance's log files, as DescribeDBLogFiles and DownloadDBLogFilePortion serve them. */
export class InstanceLogs {
  constructor(
    private readonly states: InstanceStates,
    private readonly placement: Placement,
  ) {}

  /** The log files the instance has now (DBInstanceNotFound for an unknown instance). */
  list(id: string): Promise<LogFile[]> {
    this.states.get(id);
    return this.placement.logFiles(id);
  }

  /** One log file's size and a reader for its bytes; DBLogFileNotFoundFault for a name it does not have. */
  async open(id: string, name: string): Promise<{ size: number; read: (start: number, end: number) => Promise<Buffer> }> {
    const file = (await this.list(id)).find((f) => f.name === name);
    if (!file) throw new RdsError('DBLogFileNotFoundFault', `DBLog File: ${name}, is not found on the DB instance`);
    return { size: file.size, read: (start, end) => this.placement.readLog(id, name, start, end) };
  }
}
