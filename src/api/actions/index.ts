import type { Action } from '../action.js';
import copyDBSnapshot from './copy-db-snapshot.js';
import createDBSnapshot from './create-db-snapshot.js';
import deleteDBSnapshot from './delete-db-snapshot.js';
import describeDBSnapshots from './describe-db-snapshots.js';
import modifyDBSnapshotAttribute from './modify-db-snapshot-attribute.js';
import describeDBSnapshotAttributes from './describe-db-snapshot-attributes.js';
import restoreDBInstanceFromDBSnapshot from './restore-db-instance-from-db-snapshot.js';
import restoreDBInstanceToPointInTime from './restore-db-instance-to-point-in-time.js';
import describeDBInstanceAutomatedBackups from './describe-db-instance-automated-backups.js';
import resetDBParameterGroup from './reset-db-parameter-group.js';
import removeTagsFromResource from './remove-tags-from-resource.js';
import listTagsForResource from './list-tags-for-resource.js';
import addTagsToResource from './add-tags-to-resource.js';
import createDBInstanceReadReplica from './create-db-instance-read-replica.js';
import createDBInstance from './create-db-instance.js';
import createDBParameterGroup from './create-db-parameter-group.js';
import deleteDBInstance from './delete-db-instance.js';
import deleteDBParameterGroup from './delete-db-parameter-group.js';
import describeDBEngineVersions from './describe-db-engine-versions.js';
import describeDBInstances from './describe-db-instances.js';
import describeDBLogFiles from './describe-db-log-files.js';
import describeDBParameterGroups from './describe-db-parameter-groups.js';
import describeDBParameters from './describe-db-parameters.js';
import createDBSubnetGroup from './create-db-subnet-group.js';
import deleteDBSubnetGroup from './delete-db-subnet-group.js';
import describeAccountAttributes from './describe-account-attributes.js';
import describeDBSubnetGroups from './describe-db-subnet-groups.js';
import describeEventCategories from './describe-event-categories.js';
import modifyDBSubnetGroup from './modify-db-subnet-group.js';
import describeEngineDefaultParameters from './describe-engine-default-parameters.js';
import describeEvents from './describe-events.js';
import describeOrderableDBInstanceOptions from './describe-orderable-db-instance-options.js';
import downloadDBLogFilePortion from './download-db-log-file-portion.js';
import modifyDBInstance from './modify-db-instance.js';
import modifyDBParameterGroup from './modify-db-parameter-group.js';
import promoteReadReplica from './promote-read-replica.js';
import rebootDBInstance from './reboot-db-instance.js';
import startDBInstance from './start-db-instance.js';
import stopDBInstance from './stop-db-instance.js';
import createBlueGreenDeployment from './create-blue-green-deployment.js';
import describeBlueGreenDeployments from './describe-blue-green-deployments.js';
import switchoverBlueGreenDeployment from './switchover-blue-green-deployment.js';
import deleteBlueGreenDeployment from './delete-blue-green-deployment.js';

/** Every action the API serves, by name. */
export const ACTIONS: ReadonlyMap<string, Action> = new Map(
  [
    addTagsToResource,
    listTagsForResource,
    removeTagsFromResource,
    resetDBParameterGroup,
    createDBInstance,
    createDBInstanceReadReplica,
    createDBParameterGroup,
    deleteDBInstance,
    deleteDBParameterGroup,
    describeDBEngineVersions,
    describeDBInstances,
    describeDBLogFiles,
    describeDBParameterGroups,
    describeDBParameters,
    describeEngineDefaultParameters,
    describeAccountAttributes,
    describeEventCategories,
    createDBSubnetGroup,
    describeDBSubnetGroups,
    modifyDBSubnetGroup,
    deleteDBSubnetGroup,
    describeEvents,
    describeOrderableDBInstanceOptions,
    downloadDBLogFilePortion,
    modifyDBInstance,
    modifyDBParameterGroup,
    promoteReadReplica,
    rebootDBInstance,
    startDBInstance,
    stopDBInstance,
    createDBSnapshot,
    describeDBSnapshots,
    deleteDBSnapshot,
    copyDBSnapshot,
    modifyDBSnapshotAttribute,
    describeDBSnapshotAttributes,
    restoreDBInstanceFromDBSnapshot,
    restoreDBInstanceToPointInTime,
    describeDBInstanceAutomatedBackups,
    createBlueGreenDeployment,
    describeBlueGreenDeployments,
    switchoverBlueGreenDeployment,
    deleteBlueGreenDeployment,
  ].map((action) => [action.name, action as Action]),
);
