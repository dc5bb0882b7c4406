import type { Action } from '../action.js';
import createDBInstance from './create-db-instance.js';
import createDBInstanceReadReplica from './create-db-instance-read-replica.js';
import deleteDBInstance from './delete-db-instance.js';
import describeDBInstances from './describe-db-instances.js';
import describeEvents from './describe-events.js';
import modifyDBInstance from './modify-db-instance.js';
import promoteReadReplica from './promote-read-replica.js';
import rebootDBInstance from './reboot-db-instance.js';
import startDBInstance from './start-db-instance.js';
import stopDBInstance from './stop-db-instance.js';

/** Every action the API serves, by name. */
export const ACTIONS: ReadonlyMap<string, Action> = new Map(
  [
    createDBInstance,
    createDBInstanceReadReplica,
    deleteDBInstance,
    describeDBInstances,
    describeEvents,
    modifyDBInstance,
    promoteReadReplica,
    rebootDBInstance,
    startDBInstance,
    stopDBInstance,
  ].map((action) => [action.name, action as Action]),
);
