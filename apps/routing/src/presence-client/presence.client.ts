import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import {
  PresenceGrpc,
  type ConfirmReservationRequest,
  type ConfirmReservationResponse__Output,
  type FindCandidatesRequest,
  type FindCandidatesResponse__Output,
  type PresenceService,
  type ReleaseCapacityRequest,
  type ReleaseCapacityResponse__Output,
  type ReserveBestRequest,
  type ReserveBestResponse__Output,
  type ReserveCapacityRequest,
  type ReserveCapacityResponse__Output,
} from '@handoff/contracts';
import { withTraceContext } from '@handoff/service-kit';
import type { ClientGrpc } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';

export const PRESENCE_GRPC = Symbol('PRESENCE_GRPC');
export const PRESENCE_DEADLINE_MS = Symbol('PRESENCE_DEADLINE_MS');

/** Routing's view of presence over gRPC; every call carries a deadline and the current trace. */
@Injectable()
export class PresenceClient implements OnModuleInit {
  private service!: PresenceService;

  constructor(
    @Inject(PRESENCE_GRPC) private readonly client: ClientGrpc,
    @Inject(PRESENCE_DEADLINE_MS) private readonly deadlineMs: number,
  ) {}

  onModuleInit(): void {
    this.service = this.client.getService<PresenceService>(PresenceGrpc.serviceName);
  }

  findCandidates(request: FindCandidatesRequest): Promise<FindCandidatesResponse__Output> {
    return lastValueFrom(
      this.service.findCandidates(request, withTraceContext(new Metadata()), this.callOptions()),
    );
  }

  reserveCapacity(request: ReserveCapacityRequest): Promise<ReserveCapacityResponse__Output> {
    return lastValueFrom(
      this.service.reserveCapacity(request, withTraceContext(new Metadata()), this.callOptions()),
    );
  }

  reserveBest(request: ReserveBestRequest): Promise<ReserveBestResponse__Output> {
    return lastValueFrom(
      this.service.reserveBest(request, withTraceContext(new Metadata()), this.callOptions()),
    );
  }

  confirmReservation(
    request: ConfirmReservationRequest,
  ): Promise<ConfirmReservationResponse__Output> {
    return lastValueFrom(
      this.service.confirmReservation(
        request,
        withTraceContext(new Metadata()),
        this.callOptions(),
      ),
    );
  }

  releaseCapacity(request: ReleaseCapacityRequest): Promise<ReleaseCapacityResponse__Output> {
    return lastValueFrom(
      this.service.releaseCapacity(request, withTraceContext(new Metadata()), this.callOptions()),
    );
  }

  private callOptions() {
    return { deadline: Date.now() + this.deadlineMs };
  }
}
