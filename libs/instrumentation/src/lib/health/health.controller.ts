import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MemoryHealthIndicator } from '@nestjs/terminus';
import { HealthRegistry } from './health-registry';

const HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly memory: MemoryHealthIndicator,
    @Inject(HealthRegistry) private readonly registry: HealthRegistry,
  ) {}

  /** Process only: answers as long as the event loop runs. */
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

  /** Everything, with details. */
  @Get()
  @HealthCheck()
  detailed() {
    return this.health.check([
      ...this.registry.indicators('all'),
      () => this.memory.checkHeap('heap', HEAP_LIMIT_BYTES),
    ]);
  }
}
