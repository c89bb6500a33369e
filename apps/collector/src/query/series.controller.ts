import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { compareBytes, isValidLabelName, type LabelMatcher, type Labels } from '@neo/domain-metric';
import type { TimeRange } from '@neo/tsdb';
import { SAMPLE_STORE, type SampleStore } from '../storage/sample-store';
import { answer } from './api-answer';
import { ApiError } from './api-error';
import { matchParams, MAX_TIME_MS, MIN_TIME_MS, timeParam, type ApiParams } from './api-params';
import { requestParams } from './request-params';

/**
 * Metadata about series, as Grafana's metric and label browsers read it: `/api/v1/series`, `/api/v1/labels`
 * and `/api/v1/label/<name>/values`, each restricted by `match[]` (a union) and `start`/`end`.
 */
@Controller('api/v1')
export class SeriesController {
  constructor(@Inject(SAMPLE_STORE) private readonly store: SampleStore) {}

  @Get('series')
  seriesGet(@Req() req: Request) {
    return this.series(requestParams(req.originalUrl, undefined));
  }

  @Post('series')
  @HttpCode(200)
  seriesPost(@Req() req: Request, @Body() body: unknown) {
    return this.series(requestParams(req.originalUrl, body));
  }

  @Get('labels')
  labelsGet(@Req() req: Request) {
    return this.labels(requestParams(req.originalUrl, undefined));
  }

  @Post('labels')
  @HttpCode(200)
  labelsPost(@Req() req: Request, @Body() body: unknown) {
    return this.labels(requestParams(req.originalUrl, body));
  }

  @Get('label/:name/values')
  labelValues(@Param('name') name: string, @Req() req: Request) {
    return answer(() => {
      if (!isValidLabelName(name)) throw new ApiError('bad_data', `invalid label name: "${name}"`);
      const params = requestParams(req.originalUrl, undefined);
      return this.union(params, (reader, matchers, range) => reader.labelValues(name, matchers, range));
    });
  }

  private series(params: ApiParams) {
    return answer(() => {
      const sets = matchParams(params);
      if (sets.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
      const range = rangeOf(params);
      const reader = this.store.reader();
      try {
        // Several match[] sets may select the same series; the key dedupes, the sort restores label order.
        const found = new Map<string, Labels>();
        for (const matchers of sets) {
          for (const series of reader.select({ matchers, ...range })) {
            found.set(JSON.stringify(series.labels), series.labels);
          }
        }
        return [...found.values()].sort(compareLabelSets);
      } finally {
        reader.close();
      }
    });
  }

  private labels(params: ApiParams) {
    return answer(() => this.union(params, (reader, matchers, range) => reader.labelNames(matchers, range)));
  }

  /** Sorted union of a listing over every `match[]` set (or over everything when none is given). */
  private union(
    params: ApiParams,
    list: (reader: ReturnType<SampleStore['reader']>, matchers: LabelMatcher[], range: TimeRange) => string[],
  ): string[] {
    const sets = matchParams(params);
    const range = rangeOf(params);
    const reader = this.store.reader();
    try {
      const out = new Set<string>();
      for (const matchers of sets.length === 0 ? [[]] : sets) {
        for (const value of list(reader, matchers, range)) out.add(value);
      }
      return [...out].sort(compareBytes);
    } finally {
      reader.close();
    }
  }
}

function rangeOf(params: ApiParams): TimeRange {
  const minT = timeParam(params, 'start', MIN_TIME_MS);
  const maxT = timeParam(params, 'end', MAX_TIME_MS);
  if (maxT < minT) throw new ApiError('bad_data', 'end timestamp must not be before start time');
  return { minT, maxT };
}

/** Prometheus' labels.Compare: pair by pair in name order, names before values. */
function compareLabelSets(a: Labels, b: Labels): number {
  const left = Object.keys(a).sort(compareBytes);
  const right = Object.keys(b).sort(compareBytes);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const byName = compareBytes(left[i], right[i]);
    if (byName !== 0) return byName;
    const byValue = compareBytes(a[left[i]], b[right[i]]);
    if (byValue !== 0) return byValue;
  }
  return left.length - right.length;
}
