import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import { ChecksService, type CheckSummary } from './checks.service';
import { parseCheckInput, type CheckInput } from './dto/check-input';

/** `/api/checks`: list, create, update, pause/resume, delete and run-now. Thin: the service does the work. */
@Controller('api/checks')
export class ChecksController {
  constructor(@Inject(ChecksService) private readonly checks: ChecksService) {}

  @Get()
  async list(): Promise<{ checks: CheckSummary[] }> {
    return { checks: await this.checks.list() };
  }

  @Get(':name')
  get(@Param('name') name: string): Promise<CheckSummary> {
    return this.checks.get(name);
  }

  @Post()
  create(@Body() body: unknown): Promise<CheckSummary> {
    return this.checks.create(parse(body));
  }

  @Put(':name')
  update(@Param('name') name: string, @Body() body: unknown): Promise<CheckSummary> {
    const input = parse({ ...(typeof body === 'object' && body !== null ? body : {}), name });
    return this.checks.update(name, input);
  }

  @Delete(':name')
  @HttpCode(204)
  remove(@Param('name') name: string): Promise<void> {
    return this.checks.remove(name);
  }

  @Post(':name/pause')
  @HttpCode(200)
  pause(@Param('name') name: string): Promise<CheckSummary> {
    return this.checks.setPaused(name, true);
  }

  @Post(':name/resume')
  @HttpCode(200)
  resume(@Param('name') name: string): Promise<CheckSummary> {
    return this.checks.setPaused(name, false);
  }

  @Post(':name/run')
  @HttpCode(202)
  run(@Param('name') name: string): Promise<{ requestId: string }> {
    return this.checks.runNow(name);
  }
}

/** 400 with every problem as `{ field, message }`, and the same joined into `message` for humans. */
function parse(body: unknown): CheckInput {
  const result = parseCheckInput(body);
  if (!result.ok) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: result.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
      issues: result.issues,
    });
  }
  return result.input;
}
