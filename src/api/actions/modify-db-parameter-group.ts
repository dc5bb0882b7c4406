import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { parameterEntry, text } from '../params.js';

export default defineAction({
  name: 'ModifyDBParameterGroup',
  input: z.object({
    DBParameterGroupName: rules.dbParameterGroupName,
    // RDS takes at most 20 parameters per call.
    Parameters: z
      .array(
        parameterEntry(text(1024)),
      )
      .min(1)
      .max(20),
  }),
  async handle(input, context) {
    const name = await context.control.parameters.modifyGroup(
      input.DBParameterGroupName,
      input.Parameters.map((p) => ({ name: p.ParameterName, value: p.ParameterValue, applyMethod: p.ApplyMethod })),
    );
    return { DBParameterGroupName: name };
  },
});
