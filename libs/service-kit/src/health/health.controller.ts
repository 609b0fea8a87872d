import { Controller, Get, HttpCode, HttpException, HttpStatus } from '@nestjs/common';
import { ReadinessRegistry } from './readiness.registry.js';

@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: Record<string, boolean> }> {
    const report = await this.readiness.report();
    if (!report.ready) {
      throw new HttpException({ status: 'not_ready', checks: report.checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready', checks: report.checks };
  }
}
