import { Module, type DynamicModule } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ReadinessRegistry } from '../health/readiness.registry.js';

export interface MongoOptions {
  url: string;
  dbName: string;
}

const connected = 1;

/** The service's MongoDB connection, with readiness tied to its state. */
@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.url, {
          dbName: options.dbName,
          serverSelectionTimeoutMS: 10_000,
          // The store may lack transactions (FerretDB); writes are designed as single-document atomic updates.
          retryWrites: false,
        }),
      ],
      providers: [
        {
          provide: 'MONGO_READINESS',
          inject: [ReadinessRegistry, getConnectionToken()],
          useFactory: (registry: ReadinessRegistry, connection: Connection) => {
            registry.register({ name: 'mongo', isReady: () => connection.readyState === connected });
            return true;
          },
        },
      ],
    };
  }
}
