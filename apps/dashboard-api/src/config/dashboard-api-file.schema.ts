import { z } from 'zod';

/**
 * config/dashboard-api.yaml holds only scalar settings (server, stale_after, sse, max_entries, query), which the
 * config loader reads and strips; anything else in the file is a typo and is refused with its location.
 */
export const dashboardApiFileSchema = z.object({}).strict();
