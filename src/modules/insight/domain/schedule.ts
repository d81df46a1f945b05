import { CronTime } from 'cron';

/** Whether a 5- or 6-field cron expression is valid; the error message when it is not. */
export function cronProblem(expression: string): string | undefined {
  const result = CronTime.validateCronExpression(expression);
  return result.valid ? undefined : (result.error?.message ?? 'is not a valid cron expression');
}

/** The first time strictly after `from` that the cron expression (UTC) fires. */
export function nextCronRun(expression: string, from: Date): Date {
  const next = new CronTime(expression, 'UTC').getNextDateFrom(from);
  return next.toJSDate();
}
