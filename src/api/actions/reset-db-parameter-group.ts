import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { RdsError } from '../../errors.js';
import { defineAction } from '../action.js';
import { booleanParam, parameterEntry, text } from '../params.js';

export default defineAction({
  name: 'ResetDBParameterGroup',
  input: z.object({
    DBParameterGroupName: rules.dbParameterGroupName,
    ResetAllParameters: booleanParam.optional(),
    // As ModifyDBParameterGroup: at most 20 a call; a value, if sent, is ignored by RDS.
    Parameters: z
      .array(
        parameterEntry(text(1024).optional()),
      )
      .max(20)
      .optional(),
  }),
  async handle(input, context) {
    const all = input.ResetAllParameters === true;
    const parameters = input.Parameters ?? [];
    if (all && parameters.length > 0) {
      throw new RdsError('InvalidParameterCombination', 'Specify either ResetAllParameters or Parameters, not both.');
    }
    if (!all && parameters.length === 0) {
      throw new RdsError('InvalidParameterCombination', 'Specify ResetAllParameters or at least one parameter in Parameters.');
    }
    const name = await context.control.parameters.resetGroup(
      input.DBParameterGroupName,
      all ? 'all' : parameters.map((p) => ({ name: p.ParameterName, applyMethod: p.ApplyMethod })),
    );
    return { DBParameterGroupName: name };
  },
});
