import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { ContextService } from '../context/context.service.js';
import { ConversationStore } from '../conversations/conversation-store.js';
import type { ConversationView } from '../conversations/conversation-view.js';
import { Redactors } from '../privacy/redactors.js';

/**
 * Reads for the gateway, which forwards the person's bearer token: it is verified here too and
 * the tenant comes from it, never from the request. A conversation of another tenant is not found.
 */
@Controller('v1/conversations/:conversationId')
@Authenticated('agent', 'supervisor', 'admin')
export class ConversationReadsController {
  constructor(
    private readonly store: ConversationStore,
    private readonly context: ContextService,
    private readonly redactors: Redactors,
  ) {}

  @Get()
  async conversation(
    @Param('conversationId') conversationId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<ConversationView> {
    const view = await this.store.view(conversationId, caller.tenantId);
    if (!view) throw new NotFoundException(`no conversation ${conversationId}`);
    if (!this.redactors.agentsReadRedacted(caller.tenantId)) return view;
    const redactor = this.redactors.of(caller.tenantId);
    return {
      ...view,
      customer: { ...view.customer, ...(view.customer.email ? { email: '[email]' } : {}) },
      transcript: view.transcript.map((message) => ({
        ...message,
        text: redactor.redact(message.text),
      })),
    };
  }

  @Get('context')
  async contextPacket(
    @Param('conversationId') conversationId: string,
    @CurrentPrincipal() caller: Principal,
  ) {
    const packet = await this.context.contextPacket(conversationId, caller.tenantId);
    if (!packet) throw new NotFoundException(`no conversation ${conversationId}`);
    return packet;
  }
}
