import {
  BadRequestException,
  ConflictException,
  GatewayTimeoutException,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { EventDataByType, EventType, EventValidator } from '@handoff/contracts';
import { EventPublisher } from '@handoff/messaging';
import { COMMAND_TIMEOUT_MS, EVENT_VALIDATOR } from '../gateway.tokens.js';
import { PendingCommands, type AnyCommandResult } from './pending-commands.js';

/**
 * Publishes a person's action as a command and waits, bounded, for what became of it: 200 with
 * the result when done, 409 with the reason when refused, 504 with the commandId when no answer
 * came in time (the desk can still see it arrive on the stream).
 */
@Injectable()
export class CommandSender {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly pending: PendingCommands,
    @Inject(EVENT_VALIDATOR) private readonly validator: EventValidator,
    @Inject(COMMAND_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async send<K extends EventType>(
    type: K,
    data: EventDataByType[K] & { commandId: string },
  ): Promise<AnyCommandResult> {
    const valid = this.validated(type, data);
    // Waiting starts before the send: a fast result must find its caller.
    const answer = this.pending.wait(data.commandId, this.timeoutMs);
    await this.emit(type, valid, data.commandId);
    const result = await answer;
    if (!result)
      throw new GatewayTimeoutException({
        statusCode: 504,
        message: 'no result yet; follow the command on the stream',
        commandId: data.commandId,
      });
    if (result.status !== 'done')
      throw new ConflictException({
        statusCode: 409,
        message: result.reason ?? `command ${result.status}`,
        commandId: data.commandId,
        result,
      });
    return result;
  }

  /** Validates and publishes a command that has no result to wait for (a heartbeat). */
  async publish<K extends EventType>(type: K, data: EventDataByType[K]): Promise<void> {
    await this.emit(type, this.validated(type, data));
  }

  private validated<K extends EventType>(type: K, data: EventDataByType[K]): EventDataByType[K] {
    const check = this.validator.validateData(type, data);
    if (!check.ok)
      throw new BadRequestException({
        statusCode: 400,
        message: 'invalid command',
        reason: check.reason,
      });
    return check.data;
  }

  private async emit<K extends EventType>(
    type: K,
    data: EventDataByType[K],
    commandId?: string,
  ): Promise<void> {
    try {
      await this.publisher.emit(type, data);
    } catch {
      if (commandId) this.pending.cancel(commandId);
      throw new ServiceUnavailableException('commands cannot be published right now; try again');
    }
  }
}
