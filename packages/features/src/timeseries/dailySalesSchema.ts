import type { DatasetSchema } from '../schema/DatasetSchema';

/** Columns of the table {@link aggregateDailySales} makes: one row per day, labelled with the next day's revenue. */
export const dailySalesSchema: DatasetSchema = {
  name: 'sales-daily',
  description:
    "A shop's daily revenue with calendar features; the label is the next day's revenue (the last day, which has none, is dropped).",
  task: 'regression',
  target: 'label',
  // The label is tomorrow's revenue: a model is judged on days after the ones it learned from.
  split: 'temporal',
  columns: [
    {
      name: 'date',
      type: 'numeric',
      role: 'time',
      description: 'Start of the day, epoch milliseconds (UTC)',
    },
    {
      name: 'revenue_total',
      type: 'numeric',
      role: 'feature',
      description: 'Revenue of the day in euros, returns netted off',
    },
    {
      name: 'order_count',
      type: 'numeric',
      role: 'feature',
      description: 'Order lines sold that day (returns not counted)',
      min: 0,
      integer: true,
    },
    {
      name: 'return_count',
      type: 'numeric',
      role: 'feature',
      description: 'Order lines returned that day (negative quantities)',
      min: 0,
      integer: true,
    },
    {
      name: 'units_sold',
      type: 'numeric',
      role: 'feature',
      description: 'Units sold that day, returns not netted',
      min: 0,
      integer: true,
    },
    {
      name: 'revenue_lag_6',
      type: 'numeric',
      role: 'feature',
      description:
        "Revenue 6 days earlier: the label day's weekday one week before (missing on the first 6 days)",
    },
    {
      name: 'revenue_mean_7d',
      type: 'numeric',
      role: 'feature',
      description: 'Mean daily revenue of the 7 days ending this day',
    },
    {
      name: 'day_of_week',
      type: 'numeric',
      role: 'feature',
      description: 'Weekday of the day, 0 = Monday … 6 = Sunday',
      min: 0,
      max: 6,
      integer: true,
    },
    {
      name: 'day_of_month',
      type: 'numeric',
      role: 'feature',
      description: 'Day of the month, 1-31',
      min: 1,
      max: 31,
      integer: true,
    },
    {
      name: 'month',
      type: 'numeric',
      role: 'feature',
      description: 'Month, 1-12',
      min: 1,
      max: 12,
      integer: true,
    },
    {
      name: 'day_of_year',
      type: 'numeric',
      role: 'feature',
      description: 'Day of the year, 1-366',
      min: 1,
      max: 366,
      integer: true,
    },
    {
      name: 'is_weekend',
      type: 'numeric',
      role: 'feature',
      description: '1 on Saturdays and Sundays, else 0',
      min: 0,
      max: 1,
      integer: true,
    },
    { name: 'label', type: 'numeric', role: 'target', description: "The next day's revenue_total, in euros" },
  ],
};
