import { Module } from '@nestjs/common';
import { ProbeResultsSubscriber } from './probe-results.subscriber';

@Module({ providers: [ProbeResultsSubscriber] })
export class ProbesModule {}
