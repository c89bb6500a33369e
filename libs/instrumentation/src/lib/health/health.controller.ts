import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { HealthRegistry } from './health-registry';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HealthRegistry) private readonly registry: HealthRegistry,
  ) {}

  /** Process only: answers as long as the event loop runs. A dead dependency must not restart the pod. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      async () => ({ process: { status: 'up', uptimeSeconds: Math.round(process.uptime()) } }),
    ]);
  }

  /** Dependencies needed to serve traffic; 503 while shutting down. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.registry.indicators('readiness'));
  }

  /** 503 until the app has booted (and its startup checks pass), so slow starts are not killed as dead. */
  @Get('startup')
  @HealthCheck()
  startup() {
    return this.health.check(this.registry.indicators('startup'));
  }

  /** Everything, with details. */
  @Get()
  @HealthCheck()
  detailed() {
    return this.health.check(this.registry.indicators('all'));
  }
}
