/**
 * Working days and office hours of a Dutch municipality: weekends, Dutch public holidays
 * (date-holidays, type "public") and the municipality's own closed days are not working
 * days; times are wall-clock times in a time zone (Europe/Amsterdam by default). Pure: dates
 * and instants in, dates and instants out.
 */
import Holidays from 'date-holidays';

/** A calendar date as YYYY-MM-DD. */
export type IsoDate = string;

const DAY_MS = 24 * 60 * 60 * 1000;

function parseIsoDate(date: IsoDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** The date `days` calendar days after `date` (negative: before). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { y, m, d } = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const { y, m, d } = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock parts of an instant in a time zone (cached formatter per zone). */
export function partsIn(
  instant: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, format);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
  }
  return out;
}

/** The calendar date of an instant in a time zone. */
export function dateIn(instant: Date, timeZone: string): IsoDate {
  const p = partsIn(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes since midnight of an instant's wall-clock time in a time zone. */
export function minutesIn(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  return p.hour * 60 + p.minute;
}

/** "09:30" → 570. */
export function parseClock(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a time of day: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant at which the wall clock in `timeZone` shows `time` on `date` (DST-aware). */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  const { y, m, d } = parseIsoDate(date);
  const minutes = parseClock(time);
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  // The offset at a first guess, then once more at the corrected instant (DST changes).
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - shown;
  }
  return new Date(guess);
}

export interface WorkCalendarOptions {
  /** ISO 3166 country of the public holidays (NL). */
  country?: string;
  timeZone?: string;
  /** Extra days the organisation is closed (e.g. Bevrijdingsdag in a lustrum year, bridge days). */
  closedDays?: readonly IsoDate[];
}

/** Public holidays per country and year, computed once per process (the rules are costly to evaluate). */
const holidayCache = new Map<string, { rules: Holidays; years: Map<number, Map<IsoDate, string>> }>();

function publicHolidays(country: string, year: number): Map<IsoDate, string> {
  let entry = holidayCache.get(country);
  if (!entry) {
    entry = { rules: new Holidays(country), years: new Map() };
    holidayCache.set(country, entry);
  }
  let days = entry.years.get(year);
  if (!days) {
    days = new Map();
    for (const h of entry.rules.getHolidays(year)) {
      if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
    }
    entry.years.set(year, days);
  }
  return days;
}

export class WorkCalendar {
  readonly timeZone: string;
  private readonly country: string;
  private readonly closed: Set<IsoDate>;

  constructor(options: WorkCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? 'Europe/Amsterdam';
    this.country = options.country ?? 'NL';
    this.closed = new Set(options.closedDays ?? []);
  }

  /** The public holiday on a date (its Dutch name), if any. */
  holidayOn(date: IsoDate): string | undefined {
    return publicHolidays(this.country, parseIsoDate(date).y).get(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    const day = weekday(date);
    return day !== 0 && day !== 6 && !this.closed.has(date) && this.holidayOn(date) === undefined;
  }

  /** The date itself when it is a working day, else the working day before it. */
  onOrBeforeWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** The date itself when it is a working day, else the next working day. */
  onOrAfterWorkingDay(date: IsoDate): IsoDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** `count` working days before `date` (the date itself not counted). */
  workingDaysBefore(date: IsoDate, count: number): IsoDate {
    let d = date;
    let left = count;
    while (left > 0) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Whether an instant falls on a working day between `start` (inclusive) and `end` (exclusive). */
  withinOfficeHours(instant: Date, hours: { start: string; end: string }): boolean {
    if (!this.isWorkingDay(dateIn(instant, this.timeZone))) return false;
    const minutes = minutesIn(instant, this.timeZone);
    return minutes >= parseClock(hours.start) && minutes < parseClock(hours.end);
  }

  /** The first instant at or after `instant` that lies inside office hours. */
  nextOfficeInstant(instant: Date, hours: { start: string; end: string }): Date {
    if (this.withinOfficeHours(instant, hours)) return instant;
    let date = dateIn(instant, this.timeZone);
    if (this.isWorkingDay(date) && minutesIn(instant, this.timeZone) < parseClock(hours.start)) {
      return zonedInstant(date, hours.start, this.timeZone);
    }
    date = this.onOrAfterWorkingDay(addDays(date, 1));
    return zonedInstant(date, hours.start, this.timeZone);
  }
}
