import { weekdays, type BusinessHours, type Weekday } from './queue-config.schema.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The weekday, date and minute of the day a moment is in that time zone. */
export function localTime(
  at: Date,
  timeZone: string,
): { day: Weekday; date: string; minute: number } {
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(at)
      .map(({ type, value }) => [type, value]),
  );
  return {
    day: parts['weekday']!.toLowerCase().slice(0, 3) as Weekday,
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    minute: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

/**
 * Whether the moment falls in an opening interval (`09:00-17:30`, end excluded). An interval that
 * runs past midnight (`22:00-02:00`) belongs to the day it starts.
 */
export function isOpen(hours: BusinessHours | undefined, at: Date): boolean {
  if (!hours) return true;
  const { day, date, minute } = localTime(at, hours.timeZone);
  if (hours.closedOn.includes(date)) return false;
  const today = (hours.weekly[day] ?? []).map(interval);
  const yesterday = (hours.weekly[weekdays[(weekdays.indexOf(day) + 6) % 7]!] ?? []).map(interval);
  return (
    today.some(([from, to]) => minute >= from && (from >= to || minute < to)) ||
    yesterday.some(([from, to]) => from >= to && minute < to)
  );
}

function interval(text: string): [number, number] {
  return text.split('-').map(minutesOf) as [number, number];
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}
