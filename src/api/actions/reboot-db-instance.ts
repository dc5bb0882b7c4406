import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { booleanParam } from '../params.js';

export default defineAction({
  name: 'RebootDBInstance',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    // No standby to fail over to (MultiAZ is refused): only false means something here.
    ForceFailover: booleanParam.refine((on) => !on, { message: 'Cannot force a failover: the DB instance is not Multi-AZ.' }).optional(),
  }),
  async handle(input, context) {
    return { DBInstance: dbInstanceXml(await context.control.reboot(input.DBInstanceIdentifier), context) };
  },
});
