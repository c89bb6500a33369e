import { Logger } from '@nestjs/common';
import { ApiError, apiErrorResponse } from './api-error';

const logger = new Logger('QueryApi');

/**
 * Runs an API handler and wraps its data in Prometheus' success envelope; an ApiError becomes its error
 * envelope and status, anything else `internal` (500) with the message, logged because it is our bug.
 */
export function answer<T>(handler: () => T): { status: 'success'; data: T } {
  return { status: 'success', data: answered(handler) };
}

/** As {@link answer} for a handler that writes the whole success body itself (see sendJson). */
export function answered<T>(handler: () => T): T {
  try {
    return handler();
  } catch (error) {
    if (error instanceof ApiError) throw apiErrorResponse(error.errorType, error.message);
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ msg: 'query API failed', error: message });
    throw apiErrorResponse('internal', message);
  }
}
