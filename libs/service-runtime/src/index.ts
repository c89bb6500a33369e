export { NeoServiceModule } from './lib/neo-service.module';
export type { NeoServiceOptions, NeoServiceSettings } from './lib/neo-service.module';
