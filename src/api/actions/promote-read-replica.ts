import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';

export default defineAction({
  name: 'PromoteReadReplica',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    BackupRetentionPeriod: rules.backupRetentionPeriod.optional(),
    PreferredBackupWindow: z.string().max(11).optional(),
  }),
  async handle(input, context) {
    return { DBInstance: dbInstanceXml(await context.control.promote(input.DBInstanceIdentifier), context) };
  },
});
