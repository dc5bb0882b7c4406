import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { RdsError } from '../../errors.js';
import { defineAction } from '../action.js';
import { resourceOf } from '../arn.js';
import { blueGreenXml } from '../blue-green-xml.js';
import { modifyOptionParams } from '../instance-options.js';
import { refusedWith, text } from '../params.js';
import { refusedBlueGreenParams } from '../refused-params.js';

export default defineAction({
  name: 'CreateBlueGreenDeployment',
  input: z.object({
    BlueGreenDeploymentName: text(60).regex(/^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/, { message: 'must begin with a letter and contain only letters, digits and single hyphens' }),
    Source: text(2048).regex(/^arn:[A-Za-z][0-9A-Za-z-:._]*$/, { message: 'must be the ARN of a DB instance' }),
    TargetEngineVersion: text(64).regex(/^[0-9A-Za-z-_.]+$/, { message: 'is not a valid engine version' }).optional(),
    TargetDBParameterGroupName: text(255).optional(),
    // A DB cluster's parameter group: the source here is always a DB instance.
    TargetDBClusterParameterGroupName: refusedWith('InvalidParameterCombination', 'TargetDBClusterParameterGroupName applies to a DB cluster source only; the source is a DB instance.'),
    TargetDBInstanceClass: rules.dbInstanceClass.optional(),
    TargetAllocatedStorage: rules.allocatedStorage.optional(),
    TargetStorageType: modifyOptionParams.StorageType,
    TargetIops: modifyOptionParams.Iops,
    TargetStorageThroughput: modifyOptionParams.StorageThroughput,
    Tags: rules.tags.optional(),
    ...refusedBlueGreenParams,
  }),
  async handle(input, context) {
    const source = resourceOf(input.Source, context.accountId);
    if (source.kind !== 'db') throw new RdsError('SourceDatabaseNotSupportedFault', `The source ${input.Source} is not a DB instance.`);
    const record = context.control.blueGreen.create({
      name: input.BlueGreenDeploymentName,
      sourceId: source.name,
      targetEngineVersion: input.TargetEngineVersion,
      targetParameterGroupName: input.TargetDBParameterGroupName,
      targetInstanceClass: input.TargetDBInstanceClass,
      targetAllocatedStorage: input.TargetAllocatedStorage,
      targetStorage: { storageType: input.TargetStorageType, iops: input.TargetIops, storageThroughput: input.TargetStorageThroughput },
      tags: input.Tags,
    });
    return { BlueGreenDeployment: blueGreenXml(record, context) };
  },
});
