import type { LogFile, LogKind, Placement } from '../engine/index.js';
import type { InstanceStates } from './instance-states.js';

/** An instance's log files (the API gives them RDS's names). */
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

  /** Bytes [start, end) of one of its logs. */
  read(id: string, kind: LogKind, start: number, end: number): Promise<Buffer> {
    return this.placement.readLog(id, kind, start, end);
  }
}
