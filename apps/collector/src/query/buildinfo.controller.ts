import { Controller, Get } from '@nestjs/common';

// Grafana reads `version` to decide which Prometheus API features it may use; NEO implements the 2.42 API,
// so it reports that version. `data.features` is left out: its presence would make Grafana treat us as Mimir.
const PROMETHEUS_API_VERSION = '2.42.0';

/** `/api/v1/status/buildinfo`, the first call of Grafana's "save & test". */
@Controller('api/v1/status')
export class BuildInfoController {
  @Get('buildinfo')
  buildInfo() {
    return {
      status: 'success' as const,
      data: {
        version: PROMETHEUS_API_VERSION,
        revision: 'neo-collector',
        branch: 'main',
        buildUser: 'neo',
        buildDate: '',
        goVersion: `node${process.versions.node}`,
      },
    };
  }
}
