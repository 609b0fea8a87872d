import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '../logging/logger.js';

export interface ServiceRuntime {
  serviceName: string;
  logLevel: string;
  httpHost: string;
  httpPort: number;
}

/** Creates the HTTP side of a hybrid service; transports are attached before `startService`. */
export async function createService(
  rootModule: unknown,
  runtime: ServiceRuntime,
): Promise<INestApplication> {
  const logger = new PinoNestLogger(createLogger(runtime.serviceName, runtime.logLevel));
  const app = await NestFactory.create(rootModule as never, { logger });
  app.enableShutdownHooks();
  return app;
}

/** Runs module hooks (topics, indexes) first, then the transports, then opens HTTP. */
export async function startService(app: INestApplication, runtime: ServiceRuntime): Promise<void> {
  await app.init();
  await app.startAllMicroservices();
  await app.listen(runtime.httpPort, runtime.httpHost);
  new Logger('Bootstrap').log(
    `${runtime.serviceName} listening on http://${runtime.httpHost}:${runtime.httpPort}`,
  );
}

/** Prints a configuration or start-up failure once, plainly, and exits non-zero. */
export function exitOnBootFailure(serviceName: string) {
  return (error: unknown): never => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`${serviceName} failed to start. ${message}\n`);
    process.exit(1);
  };
}
