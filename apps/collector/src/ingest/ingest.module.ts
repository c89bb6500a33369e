import { Module, type DynamicModule } from '@nestjs/common';
import { IngestMetrics } from './ingest-metrics';
import { INGEST_LIMITS, type IngestLimits } from './ingest-limits';
import { OtlpController } from './otlp/otlp.controller';
import { OtlpReceiver } from './otlp/otlp.receiver';
import { RemoteWriteController } from './remote-write/remote-write.controller';
import { RemoteWriteReceiver } from './remote-write/remote-write.receiver';

/** Push ingestion: Prometheus remote_write and OTLP/HTTP metrics, both appending to the store. */
@Module({})
export class IngestModule {
  static forRoot(limits: IngestLimits): DynamicModule {
    return {
      module: IngestModule,
      controllers: [RemoteWriteController, OtlpController],
      providers: [
        { provide: INGEST_LIMITS, useValue: limits },
        IngestMetrics,
        RemoteWriteReceiver,
        OtlpReceiver,
      ],
    };
  }
}
