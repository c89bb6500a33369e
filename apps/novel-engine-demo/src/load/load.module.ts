import { Module } from '@nestjs/common';
import { LoadLoop } from './load-loop.service';

@Module({ providers: [LoadLoop] })
export class LoadModule {}
