import { HttpException } from '@nestjs/common';

/** Prometheus HTTP API error types and the status each is answered with. */
export const API_ERROR_STATUS = {
  bad_data: 400,
  execution: 422,
  timeout: 503,
  internal: 500,
} as const;

export type ApiErrorType = keyof typeof API_ERROR_STATUS;

/** A request the API refuses or could not answer; rendered in Prometheus' error envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly errorType: ApiErrorType,
    message: string,
  ) {
    super(message);
  }
}

/** `{status: "error", errorType, error}` with the status code Prometheus uses for the type. */
export function apiErrorResponse(errorType: ApiErrorType, error: string): HttpException {
  return new HttpException({ status: 'error', errorType, error }, API_ERROR_STATUS[errorType]);
}
