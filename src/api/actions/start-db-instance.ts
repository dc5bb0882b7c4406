import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { refusedStartParams } from '../refused-params.js';
import { dbInstanceXml } from '../db-instance-xml.js';

export default defineAction({
  name: 'StartDBInstance',
  input: z.object({ DBInstanceIdentifier: rules.dbInstanceIdentifier, ...refusedStartParams }),
  async handle(input, context) {
    return { DBInstance: dbInstanceXml(await context.control.start(input.DBInstanceIdentifier), context) };
  },
});
