import { Controller, Get } from '@nestjs/common';

/** The cheapest route: what the instrumentation benchmark measures. */
@Controller('hello')
export class HelloController {
  @Get()
  hello(): { message: string } {
    return { message: 'hello from the Novel Engine' };
  }
}
