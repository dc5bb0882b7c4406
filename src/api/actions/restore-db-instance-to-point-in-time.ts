import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { idOrArn } from '../arn.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { createOptionParams, restoreOptionParams } from '../instance-options.js';
import { booleanParam, refusedParam, text } from '../params.js';
import { restoredInstance, restoreRefusedParams } from '../restore-params.js';

/** RDS's timestamps: ISO 8601 in UTC (`2009-09-07T23:45:00Z`), as the SDKs and the AWS CLI send them. */
const timestamp = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `The parameter RestoreTime is not a valid timestamp: ${s}` });
    return z.NEVER;
  }
  return new Date(ms);
});

export default defineAction({
  name: 'RestoreDBInstanceToPointInTime',
  input: z.object({
    SourceDBInstanceIdentifier: idOrArn('db', rules.dbInstanceIdentifier).optional(),
    SourceDbiResourceId: text(255).optional(),
    TargetDBInstanceIdentifier: rules.dbInstanceIdentifier,
    RestoreTime: timestamp.optional(),
    UseLatestRestorableTime: booleanParam.optional(),
    DBInstanceClass: rules.dbInstanceClass.optional(),
    Port: rules.port.optional(),
    Engine: rules.engine.optional(),
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    Tags: rules.tags.optional(),
    DeletionProtection: booleanParam.optional(),
    MaxAllocatedStorage: createOptionParams.MaxAllocatedStorage,
    ...restoreOptionParams,
    ...restoreRefusedParams,
    SourceDBInstanceAutomatedBackupsArn: refusedParam(
      'openrds keeps no automated backups of deleted DB instances: restore by SourceDBInstanceIdentifier or SourceDbiResourceId.',
    ),
  }),
  async handle(input, context) {
    const record = await context.control.restores.toPointInTime({
      id: input.TargetDBInstanceIdentifier,
      sourceId: input.SourceDBInstanceIdentifier,
      sourceResourceId: input.SourceDbiResourceId,
      restoreTime: input.RestoreTime,
      useLatestRestorableTime: input.UseLatestRestorableTime,
      ...restoredInstance(input, context.region),
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
