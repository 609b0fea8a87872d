import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  addNoteType,
  requestContextType,
  resolveConversationType,
  returnToBotType,
  sendAgentMessageType,
  transferConversationType,
} from '@handoff/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { bodyOf, commandHeader, pick } from './command-body.js';
import { CommandSender } from './command-sender.js';

/**
 * What the agent holding a conversation (or a supervisor, acting as themselves) does with it. The
 * conversation's owner decides whether the caller may: a refusal comes back as 409.
 */
@Controller('v1/conversations/:conversationId')
@Authenticated('agent', 'supervisor')
export class ConversationActionsController {
  constructor(private readonly commands: CommandSender) {}

  @Post('messages')
  @HttpCode(200)
  sendMessage(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(sendAgentMessageType, {
      ...commandHeader(principal),
      conversationId,
      ...pick(bodyOf(body), ['text']),
    } as never);
  }

  @Post('notes')
  @HttpCode(200)
  addNote(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(addNoteType, {
      ...commandHeader(principal),
      conversationId,
      ...pick(bodyOf(body), ['text']),
    } as never);
  }

  @Post('transfer')
  @HttpCode(200)
  transfer(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(transferConversationType, {
      ...commandHeader(principal),
      conversationId,
      ...pick(bodyOf(body), ['toAgentId', 'toQueue', 'reason', 'language', 'channel']),
    } as never);
  }

  @Post('resolve')
  @HttpCode(200)
  resolve(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(resolveConversationType, {
      ...commandHeader(principal),
      conversationId,
      ...pick(bodyOf(body), ['disposition', 'summary', 'handoffNeeded']),
    } as never);
  }

  @Post('return-to-bot')
  @HttpCode(200)
  returnToBot(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(returnToBotType, {
      ...commandHeader(principal),
      conversationId,
      ...pick(bodyOf(body), ['summary', 'handoffNeeded']),
    } as never);
  }

  /** Asks for the context packet; it arrives on the stream (and the result says it was sent). */
  @Post('context')
  @HttpCode(200)
  requestContext(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId') conversationId: string,
  ) {
    return this.commands.send(requestContextType, {
      ...commandHeader(principal),
      conversationId,
    });
  }
}
