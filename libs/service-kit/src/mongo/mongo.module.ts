import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection, ConnectOptions } from 'mongoose';
import { setTimeout as sleep } from 'node:timers/promises';
import { HealthRegistry } from '../health/health.registry.js';

export interface MongoOptions {
  url: string;
  dbName: string;
}

const MONGO_CONNECT = Symbol('MONGO_CONNECT');
const connected = 1;
const maxRetryDelayMs = 10_000;

/**
 * Keeps the first connection to the store coming: the service starts even when the store cannot
 * be reached yet, and readiness says why meanwhile. Once connected, the driver reconnects by itself.
 */
@Injectable()
class StoreConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('MongoModule');
  private problem = 'connecting to the store';
  private stopped = false;

  constructor(
    @Inject(getConnectionToken()) private readonly connection: Connection,
    @Inject(MONGO_CONNECT) private readonly target: { url: string; options: ConnectOptions },
    health: HealthRegistry,
  ) {
    health.addReadiness({
      name: 'mongo',
      check: () => this.connection.readyState === connected || { ok: false, detail: this.problem },
    });
    void this.keepConnecting();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  private async keepConnecting(): Promise<void> {
    try {
      await this.connection.asPromise();
      return;
    } catch (error) {
      this.problem = `store unreachable: ${(error as Error).message}`;
    }
    for (let attempt = 1; !this.stopped && this.connection.readyState !== connected; attempt++) {
      await sleep(Math.min(500 * 2 ** attempt, maxRetryDelayMs));
      if (this.stopped) return;
      try {
        await this.connection.openUri(this.target.url, this.target.options);
        this.logger.log({ message: 'connected to the store' });
      } catch (error) {
        this.problem = `store unreachable: ${(error as Error).message}`;
        this.logger.warn({
          message: 'cannot reach the store yet; retrying',
          error: (error as Error).message,
        });
      }
    }
  }
}

/** The service's MongoDB connection, with readiness tied to its state. */
@Module({})
export class MongoModule {
  static forRoot(options: MongoOptions): DynamicModule {
    const connectOptions: ConnectOptions = {
      dbName: options.dbName,
      serverSelectionTimeoutMS: 10_000,
      // The store may lack transactions (FerretDB); writes are designed as single-document atomic updates.
      retryWrites: false,
    };
    return {
      module: MongoModule,
      imports: [MongooseModule.forRoot(options.url, { ...connectOptions, lazyConnection: true })],
      providers: [
        { provide: MONGO_CONNECT, useValue: { url: options.url, options: connectOptions } },
        StoreConnection,
      ],
    };
  }
}
