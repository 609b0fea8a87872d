import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  NotFoundException,
  Param,
} from '@nestjs/common';
import { ConversationStore } from './conversation-store.js';

/** The agent desk fetches the whole conversation here, so the customer never repeats themselves. */
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly store: ConversationStore) {}

  @Get(':conversationId')
  async get(
    @Param('conversationId') conversationId: string,
    @Headers('x-tenant-id') tenantId?: string,
  ) {
    if (!tenantId) throw new BadRequestException('the x-tenant-id header is required');
    const conversation = await this.store.view(conversationId, tenantId);
    if (!conversation) throw new NotFoundException(`no conversation ${conversationId}`);
    return conversation;
  }
}
