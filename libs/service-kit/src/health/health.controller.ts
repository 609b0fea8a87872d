import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { HealthRegistry, type HealthReport } from './health.registry.js';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRegistry) {}

  /** 503 only when the process cannot recover by itself (Kubernetes then restarts it). */
  @Get('live')
  async live(): Promise<{ status: 'ok'; checks: HealthReport['checks'] }> {
    const report = await this.health.liveness();
    if (!report.ok)
      throw new HttpException(
        { status: 'dead', checks: report.checks },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    return { status: 'ok', checks: report.checks };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: HealthReport['checks'] }> {
    const report = await this.health.readiness();
    if (!report.ok)
      throw new HttpException(
        { status: 'not_ready', checks: report.checks },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    return { status: 'ready', checks: report.checks };
  }
}
