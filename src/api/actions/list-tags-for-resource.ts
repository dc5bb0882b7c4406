import { z } from 'zod';
import { RdsError } from '../../errors.js';
import { defineAction } from '../action.js';
import { resourceOf } from '../arn.js';
import { text } from '../params.js';

export default defineAction({
  name: 'ListTagsForResource',
  input: z.object({ ResourceName: text(1024), Filters: z.unknown().optional() }),
  async handle(input, context) {
    // RDS: "This parameter isn't currently supported."
    if (input.Filters !== undefined) throw new RdsError('InvalidParameterValue', 'The parameter Filters is not supported for ListTagsForResource.');
    const tags = context.control.tags.list(resourceOf(input.ResourceName, context.accountId));
    return { TagList: { Tag: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } };
  },
});
