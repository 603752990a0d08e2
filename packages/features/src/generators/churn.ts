import { createRng } from '../random/createRng';
import type { DatasetSchema } from '../schema/DatasetSchema';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { roundTo } from './rounding';

const contracts = ['month-to-month', 'one-year', 'two-year'] as const;
const paymentMethods = ['electronic-check', 'mailed-check', 'bank-transfer', 'credit-card'] as const;
const internetServices = ['fiber', 'dsl', 'none'] as const;

/** Columns of the churn dataset: a telecom's customers, and whether each left within the month. */
export const churnSchema: DatasetSchema = {
  name: 'churn',
  description: "A telecom's customers and whether each cancelled within the month (about a quarter do).",
  task: 'binary',
  target: 'churn',
  columns: [
    {
      name: 'customer_id',
      type: 'categorical',
      role: 'id',
      description: 'Customer identifier',
      sensitive: true,
    },
    {
      name: 'tenure_months',
      type: 'numeric',
      role: 'feature',
      description: 'Months as a customer',
      min: 0,
      max: 72,
      integer: true,
    },
    {
      name: 'monthly_charges',
      type: 'numeric',
      role: 'feature',
      description: 'Monthly bill in dollars',
      min: 15,
      max: 150,
    },
    {
      name: 'num_complaints',
      type: 'numeric',
      role: 'feature',
      description: 'Complaints in the last 12 months',
      min: 0,
      max: 20,
      integer: true,
    },
    {
      name: 'usage_hours',
      type: 'numeric',
      role: 'feature',
      description: 'Average weekly hours of use',
      min: 0,
      max: 80,
    },
    {
      name: 'support_calls',
      type: 'numeric',
      role: 'feature',
      description: 'Support calls in the last 3 months',
      min: 0,
      max: 30,
      integer: true,
    },
    {
      name: 'age',
      type: 'numeric',
      role: 'feature',
      description: 'Age of the account holder in years',
      min: 18,
      max: 95,
      integer: true,
      sensitive: true,
    },
    {
      name: 'contract',
      type: 'categorical',
      role: 'feature',
      description: 'Contract length',
      categories: [...contracts],
    },
    {
      name: 'payment_method',
      type: 'categorical',
      role: 'feature',
      description: 'How the bill is paid',
      categories: [...paymentMethods],
    },
    {
      name: 'internet_service',
      type: 'categorical',
      role: 'feature',
      description: 'Internet service type',
      categories: [...internetServices],
    },
    {
      name: 'churn',
      type: 'numeric',
      role: 'target',
      description: '1 when the customer cancelled this month, else 0',
      min: 0,
      max: 1,
      integer: true,
    },
  ],
};

/**
 * Generates the churn dataset. Churn is drawn from a logistic model of the features
 * (short tenure, month-to-month contracts, complaints, high charges and low usage
 * raise the odds), so a good model can recover it but not perfectly.
 */
export function generateChurn(rows: number, seed: number): DataTable {
  const rng = createRng(seed);
  const id: string[] = [];
  const tenure = new Float64Array(rows);
  const charges = new Float64Array(rows);
  const complaints = new Float64Array(rows);
  const usage = new Float64Array(rows);
  const calls = new Float64Array(rows);
  const age = new Float64Array(rows);
  const contract: string[] = [];
  const payment: string[] = [];
  const internet: string[] = [];
  const churn = new Float64Array(rows);

  for (let i = 0; i < rows; i += 1) {
    id.push(`C${String(i + 1).padStart(7, '0')}`);
    const c = rng.weighted([0.55, 0.25, 0.2]);
    contract.push(contracts[c]);
    const net = rng.weighted([0.45, 0.35, 0.2]);
    internet.push(internetServices[net]);
    payment.push(paymentMethods[rng.weighted([0.35, 0.2, 0.22, 0.23])]);
    const t = Math.min(72, Math.max(0, Math.round(-Math.log(1 - rng.next()) * (c === 0 ? 14 : 34))));
    tenure[i] = t;
    const base = net === 0 ? 85 : net === 1 ? 60 : 25;
    charges[i] = roundTo(Math.min(150, Math.max(15, base + rng.normal() * 15)), 2);
    complaints[i] = Math.min(20, rng.poisson(0.6 + (c === 0 ? 0.5 : 0)));
    usage[i] = roundTo(Math.min(80, Math.max(0, 14 + rng.normal() * 7)), 2);
    calls[i] = Math.min(30, rng.poisson(1 + complaints[i] * 0.8));
    age[i] = Math.min(95, Math.max(18, Math.round(45 + rng.normal() * 15)));
    const logit =
      -1.65 -
      0.045 * t +
      0.025 * (charges[i] - 65) +
      0.45 * complaints[i] +
      0.12 * calls[i] -
      0.07 * (usage[i] - 14) +
      (c === 0 ? 0.9 : c === 1 ? -0.4 : -1.4) +
      (payment[i] === 'electronic-check' ? 0.5 : 0) -
      0.01 * (age[i] - 45);
    churn[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }

  return new DataTable([
    categoricalColumn('customer_id', id),
    numericColumn('tenure_months', tenure),
    numericColumn('monthly_charges', charges),
    numericColumn('num_complaints', complaints),
    numericColumn('usage_hours', usage),
    numericColumn('support_calls', calls),
    numericColumn('age', age),
    categoricalColumn('contract', contract),
    categoricalColumn('payment_method', payment),
    categoricalColumn('internet_service', internet),
    numericColumn('churn', churn),
  ]);
}
