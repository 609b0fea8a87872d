import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Decision, DecisionSchema } from './decision.schema.js';
import { DecisionsRepository } from './decisions.repository.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: Decision.name, schema: DecisionSchema }])],
  providers: [DecisionsRepository],
  exports: [DecisionsRepository],
})
export class DecisionsModule {}
