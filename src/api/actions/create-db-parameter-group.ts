import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { parameterGroupXml } from '../parameter-group-xml.js';
import { text } from '../params.js';

export default defineAction({
  name: 'CreateDBParameterGroup',
  input: z.object({
    DBParameterGroupName: rules.dbParameterGroupName,
    DBParameterGroupFamily: text(64),
    Description: text(1024).refine((s) => s.trim() !== '', { message: 'The parameter Description must be provided and must not be blank.' }),
    Tags: rules.tags.optional(),
  }),
  async handle(input, context) {
    const group = context.control.parameterGroups.create(input.DBParameterGroupName, input.DBParameterGroupFamily, input.Description, input.Tags);
    return { DBParameterGroup: parameterGroupXml(group, context) };
  },
});
