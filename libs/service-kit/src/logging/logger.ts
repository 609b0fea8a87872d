import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/** Personal data that must never reach the logs, wherever it sits in a logged object. */
const redactedPaths = ['*.email', '*.text', '*.displayName', '*.phone', 'customer', '*.customer'];

export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Lets Nest and its transports log through pino as structured JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    optional: unknown[],
  ): void {
    // Nest passes the context (class name) last, and a stack trace before it for errors.
    const context = typeof optional.at(-1) === 'string' ? (optional.at(-1) as string) : undefined;
    const extra = context === undefined ? optional : optional.slice(0, -1);
    const fields: Record<string, unknown> = context ? { context } : {};
    if (extra.length > 0 && typeof extra[0] === 'string' && level === 'error')
      fields['stack'] = extra[0];
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
