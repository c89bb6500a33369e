import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { answer } from '../query/api-answer';
import { ApiError } from '../query/api-error';
import { single } from '../query/api-params';
import { requestParams } from '../query/request-params';
import { MetadataBook } from './metadata-book';

/** `/api/v1/metadata`: what scraped targets declared with `# HELP`, `# TYPE` and `# UNIT`. */
@Controller('api/v1')
export class MetadataController {
  constructor(@Inject(MetadataBook) private readonly book: MetadataBook) {}

  @Get('metadata')
  metadata(@Req() req: Request) {
    return answer(() => {
      const params = requestParams(req.originalUrl, undefined);
      return this.book.list({
        metric: single(params, 'metric'),
        limit: limitParam(single(params, 'limit'), 'limit'),
        limitPerMetric: limitParam(single(params, 'limit_per_metric'), 'limit_per_metric'),
      });
    });
  }
}

// Prometheus: a negative or absent limit means no limit; anything but an integer is bad_data.
function limitParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw))
    throw new ApiError('bad_data', `invalid parameter "${name}": "${raw}" is not a number`);
  const n = Number(raw);
  return n < 0 ? undefined : n;
}
