import { Module } from '@nestjs/common';
import { AlertsApiController } from './alerts-api.controller';
import { AlertsViewService } from './alerts-view.service';

/** `GET /api/v1/alerts` and `GET /api/v1/rules` in Prometheus' shapes. */
@Module({
  controllers: [AlertsApiController],
  providers: [AlertsViewService],
})
export class ApiModule {}
