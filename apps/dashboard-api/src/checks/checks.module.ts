import { Module, type DynamicModule } from '@nestjs/common';
import { CHECKS_KEY_PREFIX } from '../availability/availability.tokens';
import { ChecksController } from './checks.controller';
import { ChecksService } from './checks.service';

/** The synthetic checks REST API; the checks themselves live in Redis, shared with the runners. */
@Module({})
export class ChecksModule {
  static forRoot(options: { keyPrefix: string }): DynamicModule {
    return {
      module: ChecksModule,
      controllers: [ChecksController],
      providers: [{ provide: CHECKS_KEY_PREFIX, useValue: options.keyPrefix }, ChecksService],
    };
  }
}
