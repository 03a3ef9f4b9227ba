// Calendar days and months in a workspace's time zone, for "daily spend" alerts and budgets
// that reset at local midnight (23- and 25-hour days included).
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, startOfDay, startOfMonth } from "date-fns";

export type CalendarUnit = "day" | "month";

export interface Period {
  start: Date;
  end: Date;
}

/** The day or month in `timeZone` that contains `at`, as UTC instants [start, end). */
export function calendarPeriod(unit: CalendarUnit, at: Date, timeZone: string): Period {
  const local = new TZDate(at.getTime(), timeZone);
  const start = unit === "day" ? startOfDay(local) : startOfMonth(local);
  const end = unit === "day" ? addDays(start, 1) : addMonths(start, 1);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
