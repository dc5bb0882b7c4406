import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';

export default defineAction({
  name: 'DeleteDBParameterGroup',
  input: z.object({ DBParameterGroupName: rules.dbParameterGroupName }),
  async handle(input, context) {
    context.control.parameters.deleteGroup(input.DBParameterGroupName);
    return undefined;
  },
});
