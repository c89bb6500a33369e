import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { formatPromValue, type LabelMatcher, type Labels } from '@neo/domain-metric';
import { parseExpr, PromQLParseError } from '@neo/promql';
import { answer } from '../api-answer';
import { ApiError } from '../api-error';
import { MAX_TIME_MS, MIN_TIME_MS, single, timeParam, type ApiParams } from '../api-params';
import { requestParams } from '../request-params';
import { extractSelectors } from './exemplar-selectors';
import { EXEMPLAR_STORAGE, type ExemplarStorage } from './exemplar-storage';

/** One element of Prometheus' query_exemplars answer. */
interface ExemplarQueryResult {
  seriesLabels: Labels;
  exemplars: Array<{ labels: Labels; value: string; timestamp: number }>;
}

/**
 * `GET|POST /api/v1/query_exemplars?query=…&start=…&end=…`, as Prometheus with exemplar storage on: the
 * exemplars in [start, end] of every series that a selector of `query` matches (Grafana's exemplar toggle).
 */
@Controller('api/v1')
export class ExemplarsController {
  constructor(@Inject(EXEMPLAR_STORAGE) private readonly storage: ExemplarStorage) {}

  @Get('query_exemplars')
  get(@Req() req: Request) {
    return this.query(requestParams(req.originalUrl, undefined));
  }

  @Post('query_exemplars')
  @HttpCode(200)
  post(@Req() req: Request, @Body() body: unknown) {
    return this.query(requestParams(req.originalUrl, body));
  }

  private query(params: ApiParams) {
    return answer((): ExemplarQueryResult[] | null => {
      const start = timeParam(params, 'start', MIN_TIME_MS);
      const end = timeParam(params, 'end', MAX_TIME_MS);
      if (end < start) throw new ApiError('bad_data', 'end timestamp must not be before start timestamp');
      let selectors: LabelMatcher[][];
      try {
        selectors = extractSelectors(parseExpr(single(params, 'query') ?? ''));
      } catch (error) {
        if (error instanceof PromQLParseError) throw new ApiError('bad_data', error.message);
        throw error;
      }
      // Prometheus answers `data: null` for a query without selectors (such as `1+1`).
      if (selectors.length === 0) return null;
      return this.storage.select(start, end, selectors).map(({ seriesLabels, exemplars }) => ({
        seriesLabels,
        exemplars: exemplars.map((e) => ({
          labels: e.labels,
          value: formatPromValue(e.value),
          timestamp: e.timestampMs / 1000,
        })),
      }));
    });
  }
}
