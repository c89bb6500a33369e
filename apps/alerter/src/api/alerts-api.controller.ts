import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { AlertsViewService } from './alerts-view.service';
import type { ApiAlert, ApiRuleGroup } from './prometheus-shapes';

type Success<T> = { status: 'success'; data: T };

type QueryParams = Record<string, unknown>;

// Express' simple parser keeps `rule_name[]` as the key, the extended one strips the brackets: accept both.
function list(query: QueryParams, name: string): string[] {
  const value = query[`${name}[]`] ?? query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** Prometheus' alerting endpoints, which Grafana's alert views read. */
@Controller('api/v1')
export class AlertsApiController {
  constructor(private readonly view: AlertsViewService) {}

  @Get('alerts')
  alerts(): Success<{ alerts: ApiAlert[] }> {
    return { status: 'success', data: { alerts: this.view.alerts() } };
  }

  @Get('rules')
  rules(@Query() query: QueryParams): Success<{ groups: ApiRuleGroup[] }> {
    const type = query['type'];
    if (type !== undefined && type !== 'alert' && type !== 'record') {
      // Prometheus' error envelope, so Grafana shows the reason.
      throw new BadRequestException({
        status: 'error',
        errorType: 'bad_data',
        error: `invalid query parameter type='${String(type)}': must be 'alert' or 'record'`,
      });
    }
    return {
      status: 'success',
      data: {
        groups: this.view.ruleGroups({
          type,
          ruleNames: list(query, 'rule_name'),
          groupNames: list(query, 'rule_group'),
          files: list(query, 'file'),
        }),
      },
    };
  }
}
