import { z } from 'zod';
import { defineAction } from '../action.js';
import { resourceOf } from '../arn.js';
import { text, unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'ListTagsForResource',
  input: z.object({ ResourceName: text(1024), Filters: unsupportedFilters() }),
  async handle(input, context) {
    const tags = context.control.tags.list(resourceOf(input.ResourceName, context.accountId));
    return { TagList: { Tag: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } };
  },
});
