import { Module, type DynamicModule } from '@nestjs/common';
import { LiveView, type LiveViewOptions } from './live-view';
import { LiveViewSubscriber } from './live-view.subscriber';

@Module({})
export class StateModule {
  static forRoot(options: LiveViewOptions): DynamicModule {
    // Global so feature modules reach the one live view without re-importing a configured module.
    return {
      global: true,
      module: StateModule,
      providers: [{ provide: LiveView, useFactory: () => new LiveView(options) }, LiveViewSubscriber],
      exports: [LiveView],
    };
  }
}
