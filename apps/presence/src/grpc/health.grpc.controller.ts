import { Controller } from '@nestjs/common';
import { HealthGrpc, PresenceGrpc, type HealthServingStatus } from '@handoff/contracts';
import { HealthRegistry } from '@handoff/service-kit';
import { GrpcMethod } from '@nestjs/microservices';
import {
  from,
  interval,
  map,
  startWith,
  switchMap,
  distinctUntilChanged,
  type Observable,
} from 'rxjs';

interface HealthCheckRequest {
  service: string;
}
interface HealthCheckResponse {
  status: HealthServingStatus;
}

const servedServices = new Set(['', PresenceGrpc.fullServiceName]);
const watchIntervalMs = 5000;

/** grpc.health.v1: SERVING while the service is ready (store and broker reachable). */
@Controller()
export class HealthGrpcController {
  constructor(private readonly health: HealthRegistry) {}

  @GrpcMethod(HealthGrpc.serviceName, 'Check')
  async check(request: HealthCheckRequest): Promise<HealthCheckResponse> {
    return { status: await this.statusOf(request.service) };
  }

  @GrpcMethod(HealthGrpc.serviceName, 'Watch')
  watch(request: HealthCheckRequest): Observable<HealthCheckResponse> {
    return interval(watchIntervalMs).pipe(
      startWith(0),
      switchMap(() => from(this.statusOf(request.service))),
      distinctUntilChanged(),
      map((status) => ({ status })),
    );
  }

  private async statusOf(service: string): Promise<HealthServingStatus> {
    if (!servedServices.has(service)) return 'SERVICE_UNKNOWN';
    return (await this.health.readiness()).ok ? 'SERVING' : 'NOT_SERVING';
  }
}
