import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { records } from './conversation.records.js';
import { ConversationStore } from './conversation-store.js';

/** The conversation records, shared by the features that append or read them (models included). */
@Module({
  imports: [MongooseModule.forFeature(records)],
  providers: [ConversationStore],
  exports: [ConversationStore, MongooseModule],
})
export class ConversationStoreModule {}
