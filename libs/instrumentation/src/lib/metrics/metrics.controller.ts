import { Controller, Get, Inject, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { MetricsRegistry } from './metrics-registry';

/** Serves this service's own registry instead of prom-client's process-global one. */
@Controller()
export class MetricsController extends PrometheusController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.header('Content-Type', this.metrics.contentType);
    return this.metrics.render();
  }
}
