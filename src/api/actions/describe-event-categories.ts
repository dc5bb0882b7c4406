import { z } from 'zod';
import { EVENT_SOURCE_TYPES, eventCategories } from '../../model/event-categories.js';
import { defineAction } from '../action.js';
import { unsupportedFilters } from '../params.js';

export default defineAction({
  name: 'DescribeEventCategories',
  input: z.object({
    SourceType: z.enum(EVENT_SOURCE_TYPES, { message: `Invalid value for SourceType. Valid values: ${EVENT_SOURCE_TYPES.join(', ')}` }).optional(),
    Filters: unsupportedFilters(),
  }),
  async handle(input) {
    const maps = [...eventCategories()]
      .filter(([type]) => input.SourceType === undefined || type === input.SourceType)
      .map(([type, categories]) => ({ SourceType: type, EventCategories: { EventCategory: [...categories] } }));
    return { EventCategoriesMapList: { EventCategoriesMap: maps } };
  },
});
