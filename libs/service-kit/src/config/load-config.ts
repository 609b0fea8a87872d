import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the environment once at boot; a bad value stops the service with a message naming it. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

const port = z.coerce.number().int().min(1).max(65535);

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port')
  .refine((value) => Number(value.split(':')[1]) <= 65535, 'port must be at most 65535');

/** Environment every service reads; services extend it with their own settings (Kafka's come from the messaging lib). */
export function baseEnv(service: string, defaultHttpPort: number) {
  return {
    SERVICE_NAME: z.string().default(`handoff-${service}`),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    HTTP_PORT: port.default(defaultHttpPort),
  };
}

type BaseEnv = { [K in keyof ReturnType<typeof baseEnv>]: z.output<ReturnType<typeof baseEnv>[K]> };

/** The process-level settings every service shares. */
export function runtimeFrom(env: BaseEnv) {
  return {
    serviceName: env.SERVICE_NAME,
    logLevel: env.LOG_LEVEL,
    httpHost: env.HTTP_HOST,
    httpPort: env.HTTP_PORT,
  };
}

export type { BaseEnv };

export function mongoEnv(service: string) {
  return {
    MONGO_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URL')
      .default('mongodb://127.0.0.1:27017'),
    MONGO_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default(`handoff_${service}`),
  };
}

export { port as portSchema, hostPort as hostPortSchema };
