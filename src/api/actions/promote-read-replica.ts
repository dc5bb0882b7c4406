import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { refusedPromoteParams } from '../refused-params.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { modifyOptionParams } from '../instance-options.js';

export default defineAction({
  name: 'PromoteReadReplica',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    BackupRetentionPeriod: rules.backupRetentionPeriod.optional(),
    PreferredBackupWindow: modifyOptionParams.PreferredBackupWindow,
    ...refusedPromoteParams,
  }),
  async handle(input, context) {
    return { DBInstance: dbInstanceXml(await context.control.promote(input.DBInstanceIdentifier, { retention: input.BackupRetentionPeriod, window: input.PreferredBackupWindow }), context) };
  },
});
