import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RemoteWriteReceiver } from './remote-write.receiver';

/** `POST /api/v1/write`, Prometheus' remote_write receiver path. */
@Controller()
export class RemoteWriteController {
  constructor(@Inject(RemoteWriteReceiver) private readonly receiver: RemoteWriteReceiver) {}

  @Post('api/v1/write')
  async write(@Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.receiver.receive(req);
    // Plain text like Prometheus' http.Error: senders log the body of a failed request verbatim.
    if (answer.message === undefined) res.status(answer.status).end();
    else res.status(answer.status).type('text/plain').send(`${answer.message}\n`);
  }
}
