import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OtlpReceiver } from './otlp.receiver';

/** `POST /v1/metrics`, the OTLP/HTTP metrics path. */
@Controller()
export class OtlpController {
  constructor(@Inject(OtlpReceiver) private readonly receiver: OtlpReceiver) {}

  @Post('v1/metrics')
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.receiver.receive(req);
    res.status(answer.status).type(answer.contentType).send(answer.body);
  }
}
