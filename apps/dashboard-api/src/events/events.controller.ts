import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { parseChannelFilter } from './channel-filter';
import { EventsService } from './events.service';

@Controller('api/events')
export class EventsController {
  constructor(@Inject(EventsService) private readonly events: EventsService) {}

  /** Server-Sent Events: `event: <channel>`, `id: <envelope id>`, `data: <envelope JSON>`. */
  @Get()
  stream(@Query('channels') channels: unknown, @Res() res: ServerResponse): void {
    const filter = parseChannelFilter(channels);
    if (!filter.ok) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        parameter: 'channels',
        message: filter.message,
      });
    }
    this.events.open(res, filter.channels);
  }
}
