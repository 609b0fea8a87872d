import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Decision, DecisionSchema, QueueEntry, QueueEntrySchema } from './decision.schema.js';
import { DecisionsRepository } from './decisions.repository.js';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Decision.name, schema: DecisionSchema },
      { name: QueueEntry.name, schema: QueueEntrySchema },
    ]),
  ],
  providers: [DecisionsRepository],
  exports: [DecisionsRepository],
})
export class DecisionsModule {}
