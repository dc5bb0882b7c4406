/** RDS event messages for DB instances (RDS User Guide, USER_Events.Messages), by event id. */
export const INSTANCE_EVENTS = {
  'RDS-EVENT-0001': { category: 'backup', message: 'Backing up DB instance' },
  'RDS-EVENT-0002': { category: 'backup', message: 'Finished DB Instance backup' },
  'RDS-EVENT-0003': { category: 'deletion', message: 'DB instance deleted' },
  'RDS-EVENT-0004': { category: 'availability', message: 'DB instance shutdown' },
  'RDS-EVENT-0005': { category: 'creation', message: 'DB instance created' },
  'RDS-EVENT-0006': { category: 'availability', message: 'DB instance restarted' },
  'RDS-EVENT-0012': { category: 'configuration change', message: 'Applying modification to database instance class.' },
  'RDS-EVENT-0014': { category: 'configuration change', message: 'The DB instance class for this DB instance has changed.' },
  'RDS-EVENT-0016': { category: 'configuration change', message: 'Reset master credentials' },
  'RDS-EVENT-0031': { category: 'failure', message: 'DB instance put into failed state' },
  'RDS-EVENT-0087': { category: 'notification', message: 'DB instance stopped' },
  'RDS-EVENT-0088': { category: 'notification', message: 'DB instance started' },
  'RDS-EVENT-0089': { category: 'notification', message: 'DB instance is being started' },
  'RDS-EVENT-0267': { category: 'maintenance', message: 'The engine version upgrade started.' },
  'RDS-EVENT-0268': { category: 'maintenance', message: 'The engine version upgrade finished.' },
  /** A point-in-time restore; the detail is `<source> to <time>`, after a space. */
  'RDS-EVENT-0019': { category: 'restoration', message: 'Restored from DB instance', separator: ' ' },
  /** A restored instance; the detail is the snapshot's identifier, after a space. */
  'RDS-EVENT-0043': { category: 'restoration', message: 'Restored from snapshot', separator: ' ' },
  'RDS-EVENT-0045': { category: 'read replica', message: 'Replication has stopped.' },
  'RDS-EVENT-0046': { category: 'read replica', message: 'Replication for the Read Replica resumed.' },
  'RDS-EVENT-0057': { category: 'read replica', message: 'Replication streaming has been terminated.' },
  'RDS-EVENT-0062': { category: 'read replica', message: 'Replication for the Read Replica has been manually stopped.' },
  'RDS-EVENT-0063': { category: 'read replica', message: 'Replication from Non RDS instance has been reset.' },
  'RDS-EVENT-0202': { category: 'read replica', message: 'Read replica creation failed.' },
  /** openrds's own notices; RDS has no event id for them. */
  'OPENRDS-EVENT-0001': { category: 'notification', message: 'Engine served by MariaDB' },
  'OPENRDS-EVENT-0002': { category: 'read replica', message: 'Read replica promoted to a standalone DB instance' },
  /** The operator guard (src/control/operator-guard.ts) found a reserved account or role tampered with and undid it. */
  'OPENRDS-EVENT-0003': { category: 'security', message: 'Reserved account repaired' },
  /** A guard pass waited too long on a lock another session held; the next pass retries. */
  'OPENRDS-EVENT-0004': { category: 'security', message: 'Operator guard pass could not finish' },
  /** A restored instance: where its copy stands in its instance's binary log (`<file> <position>`), as RDS words it. */
  'OPENRDS-EVENT-0005': { category: 'notification', message: 'Binlog position from crash recovery is', separator: ' ' },
  /** A renamed instance (`<old> to <new>`): RDS documents no event id for it, only RDS-EVENT-0172 for a cluster. */
  'OPENRDS-EVENT-0006': { category: 'configuration change', message: 'Renamed instance from', separator: ' ' },
} as const;

export type InstanceEventId = keyof typeof INSTANCE_EVENTS;

/** Where parts that report events record them (the control plane's EventLog). */
export interface EventRecorder {
  /** Records an event; `detail` is appended to RDS's message (e.g. a failure's cause). */
  record(instanceId: string, eventId: InstanceEventId, detail?: string): void;
}

/**
 * RDS event messages for blue/green deployments (source type blue-green-deployment), by event id,
 * as the RDS User Guide's event table gives them (a failure's cause is the deployment's StatusDetails).
 * The `primary` ones are the pair of blue's primary instance; the others, each pair of read replicas.
 */
export const DEPLOYMENT_EVENTS = {
  'RDS-EVENT-0244': { category: 'creation', message: 'Blue/green deployment tasks completed. You can make more modifications to the green environment databases or switch over the deployment.' },
  'RDS-EVENT-0245': { category: 'failure', message: 'Creation of blue/green deployment failed.' },
  'RDS-EVENT-0246': { category: 'deletion', message: 'Blue/green deployment deleted.' },
  'RDS-EVENT-0247': { category: 'notification', message: 'Switchover started on blue/green deployment.' },
  'RDS-EVENT-0248': { category: 'notification', message: 'Switchover completed on blue/green deployment.' },
  'RDS-EVENT-0249': { category: 'failure', message: 'Switchover canceled on blue/green deployment.' },
  'RDS-EVENT-0250': { category: 'notification', message: 'Switchover from primary source to target started.' },
  'RDS-EVENT-0251': { category: 'notification', message: 'Switchover from primary source to target completed and databases renamed.' },
  'RDS-EVENT-0252': { category: 'failure', message: 'Switchover from primary source to target canceled.' },
  'RDS-EVENT-0259': { category: 'notification', message: 'Switchover from source to target started.' },
  'RDS-EVENT-0260': { category: 'notification', message: 'Switchover from source to target completed.' },
} as const satisfies Record<string, { category: string; message: string }>;

export type DeploymentEventId = keyof typeof DEPLOYMENT_EVENTS;
