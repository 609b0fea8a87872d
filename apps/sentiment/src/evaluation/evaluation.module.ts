import { Module } from '@nestjs/common';
import { EvaluationConsumer } from './evaluation.consumer.js';
import { EvaluationService } from './evaluation.service.js';

@Module({ controllers: [EvaluationConsumer], providers: [EvaluationService] })
export class EvaluationModule {}
