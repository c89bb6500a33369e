import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { formatQueryResponse, type QueryOptions } from '@neo/promql';
import { answered } from './api-answer';
import { ApiError } from './api-error';
import { durationParam, single, timeParam, type ApiParams } from './api-params';
import { PromqlService } from './promql.service';
import { requestParams } from './request-params';
import { sendJson } from './send-json';

/**
 * `/api/v1/query` and `/api/v1/query_range`, GET or form POST (as Grafana sends them), Prometheus shapes.
 * Success bodies are written as JSON text by the engine (sendJson); errors are thrown as HttpExceptions
 * and rendered by Nest as everywhere else.
 */
@Controller('api/v1')
export class QueryController {
  constructor(@Inject(PromqlService) private readonly promql: PromqlService) {}

  @Get('query')
  instantGet(@Req() req: Request, @Res() res: Response): void {
    sendJson(res, this.instant(requestParams(req.originalUrl, undefined)));
  }

  @Post('query')
  instantPost(@Req() req: Request, @Body() body: unknown, @Res() res: Response): void {
    sendJson(res, this.instant(requestParams(req.originalUrl, body)));
  }

  @Get('query_range')
  rangeGet(@Req() req: Request, @Res() res: Response): void {
    sendJson(res, this.range(requestParams(req.originalUrl, undefined)));
  }

  @Post('query_range')
  rangePost(@Req() req: Request, @Body() body: unknown, @Res() res: Response): void {
    sendJson(res, this.range(requestParams(req.originalUrl, body)));
  }

  private instant(params: ApiParams): string {
    return answered(() => {
      const expr = queryParam(params);
      const timeMs = timeParam(params, 'time', Date.now());
      return formatQueryResponse(this.promql.instant(expr, timeMs, timeoutParam(params)));
    });
  }

  private range(params: ApiParams): string {
    return answered(() => {
      const expr = queryParam(params);
      const startMs = timeParam(params, 'start', NaN);
      const endMs = timeParam(params, 'end', NaN);
      const stepMs = durationParam(params, 'step');
      if (Number.isNaN(startMs)) throw new ApiError('bad_data', 'invalid parameter "start": missing');
      if (Number.isNaN(endMs)) throw new ApiError('bad_data', 'invalid parameter "end": missing');
      if (stepMs === undefined) throw new ApiError('bad_data', 'invalid parameter "step": missing');
      return formatQueryResponse(this.promql.range(expr, startMs, endMs, stepMs, timeoutParam(params)));
    });
  }
}

/** `timeout`: float seconds or a duration; the lower of it and the configured query timeout applies. */
function timeoutParam(params: ApiParams): QueryOptions {
  return { timeoutMs: durationParam(params, 'timeout') };
}

function queryParam(params: ApiParams): string {
  const expr = single(params, 'query');
  if (expr === undefined || expr.trim() === '') {
    throw new ApiError('bad_data', 'invalid parameter "query": missing query expression');
  }
  return expr;
}
