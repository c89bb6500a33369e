import { Body, Controller, Get, HttpCode, HttpException, Inject, Post, Query } from '@nestjs/common';
import { QUERY_ENGINE, QueryError, type QueryEngine } from './query-engine';
import { errorResponse, instantQueryResponse } from './query-response';
import { parseQueryTime } from './query-time';

type Params = Record<string, unknown>;

const STATUS_OF: Record<QueryError['errorType'], number> = { bad_data: 400, execution: 422 };

@Controller('api/v1')
export class QueryController {
  constructor(@Inject(QUERY_ENGINE) private readonly engine: QueryEngine) {}

  /** Instant query; `query` and `time` from the URL. */
  @Get('query')
  get(@Query() query: Params) {
    return this.evaluate(query);
  }

  /** Same as GET with a form body, as Grafana sends it; URL parameters are merged like Prometheus does. */
  @Post('query')
  @HttpCode(200)
  post(@Query() query: Params, @Body() body: unknown) {
    return this.evaluate({ ...query, ...(isParams(body) ? body : {}) });
  }

  private async evaluate(params: Params) {
    try {
      const text = params['query'];
      if (typeof text !== 'string' || text.trim() === '') {
        throw new QueryError('bad_data', 'invalid parameter "query": missing query expression');
      }
      const atMs = parseQueryTime(params['time'], Date.now());
      return instantQueryResponse(await this.engine.instantQuery(text, atMs), atMs);
    } catch (error) {
      if (error instanceof QueryError) {
        throw new HttpException(errorResponse(error.errorType, error.message), STATUS_OF[error.errorType]);
      }
      throw new HttpException(errorResponse('internal', (error as Error).message), 500);
    }
  }
}

function isParams(body: unknown): body is Params {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
