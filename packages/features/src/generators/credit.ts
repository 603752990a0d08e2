import { createRng } from '../random/createRng';
import type { DatasetSchema } from '../schema/DatasetSchema';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { clamp, roundTo } from './rounding';

const homeOwnership = ['rent', 'mortgage', 'own'] as const;
const purposes = ['debt-consolidation', 'home-improvement', 'car', 'education', 'business', 'other'] as const;
/** Extra log-odds of default per loan purpose, in the order of `purposes`. */
const purposeRisk = [0.1, -0.2, -0.1, 0.25, 0.45, 0];

/** Columns of the credit-scoring dataset: loan applications and whether each defaulted. */
export const creditSchema: DatasetSchema = {
  name: 'credit',
  description: 'Consumer loan applications and whether the loan defaulted within two years (about 12 % do).',
  task: 'binary',
  target: 'default',
  columns: [
    {
      name: 'applicant_id',
      type: 'categorical',
      role: 'id',
      description: 'Applicant identifier',
      sensitive: true,
    },
    {
      name: 'age',
      type: 'numeric',
      role: 'feature',
      description: 'Age of the applicant in years',
      min: 18,
      max: 80,
      integer: true,
      sensitive: true,
    },
    {
      name: 'annual_income',
      type: 'numeric',
      role: 'feature',
      description: 'Yearly gross income in euros',
      min: 5_000,
      max: 500_000,
      sensitive: true,
    },
    {
      name: 'employment_years',
      type: 'numeric',
      role: 'feature',
      description: 'Years with the current employer',
      min: 0,
      max: 50,
      integer: true,
    },
    {
      name: 'loan_amount',
      type: 'numeric',
      role: 'feature',
      description: 'Amount borrowed in euros',
      min: 1_000,
      max: 60_000,
    },
    {
      name: 'loan_term_months',
      type: 'numeric',
      role: 'feature',
      description: 'Length of the loan: 12, 24, 36, 48 or 60 months',
      min: 12,
      max: 60,
      integer: true,
    },
    {
      name: 'credit_score',
      type: 'numeric',
      role: 'feature',
      description: 'Bureau credit score',
      min: 300,
      max: 850,
      integer: true,
    },
    {
      name: 'debt_to_income',
      type: 'numeric',
      role: 'feature',
      description: 'Monthly debt payments over monthly income, before this loan',
      min: 0,
      max: 1.5,
    },
    {
      name: 'open_credit_lines',
      type: 'numeric',
      role: 'feature',
      description: 'Open credit cards and loans',
      min: 0,
      max: 40,
      integer: true,
    },
    {
      name: 'late_payments_2y',
      type: 'numeric',
      role: 'feature',
      description: 'Payments 30+ days late in the last two years',
      min: 0,
      max: 30,
      integer: true,
    },
    {
      name: 'home_ownership',
      type: 'categorical',
      role: 'feature',
      description: 'Housing situation',
      categories: [...homeOwnership],
    },
    {
      name: 'loan_purpose',
      type: 'categorical',
      role: 'feature',
      description: 'What the loan is for',
      categories: [...purposes],
    },
    {
      name: 'default',
      type: 'numeric',
      role: 'target',
      description: '1 when the loan defaulted within two years, else 0',
      min: 0,
      max: 1,
      integer: true,
    },
  ],
};

/**
 * Generates the credit dataset. Default is drawn from a known logistic model:
 * `logit = -2.75 - 0.011 (score - 680) + 2.2 (dti - 0.3) + 0.3 late + 0.9 ln(loan/income / 0.2)
 * - 0.03 min(employment, 10) + 0.01 (term - 36) - 0.01 (age - 40) + purpose + (renting ? 0.2 : 0)`,
 * which gives about 12 % defaults and leaves room for non-linear models (the loan-to-income term).
 */
export function generateCredit(rows: number, seed: number): DataTable {
  const rng = createRng(seed);
  const id: string[] = [];
  const age = new Float64Array(rows);
  const income = new Float64Array(rows);
  const employment = new Float64Array(rows);
  const loan = new Float64Array(rows);
  const term = new Float64Array(rows);
  const score = new Float64Array(rows);
  const dti = new Float64Array(rows);
  const lines = new Float64Array(rows);
  const late = new Float64Array(rows);
  const home: string[] = [];
  const purpose: string[] = [];
  const defaulted = new Float64Array(rows);

  for (let i = 0; i < rows; i += 1) {
    id.push(`A${String(i + 1).padStart(7, '0')}`);
    age[i] = clamp(Math.round(40 + rng.normal() * 12), 18, 80);
    income[i] = roundTo(
      clamp(42_000 * Math.exp(0.5 * rng.normal() + 0.006 * (age[i] - 40)), 5_000, 500_000),
      2,
    );
    employment[i] = clamp(Math.round(-Math.log(1 - rng.next()) * Math.max(1, (age[i] - 18) / 4)), 0, 50);
    const h = rng.weighted([0.4, 0.4, 0.2 + 0.004 * (age[i] - 18)]);
    home.push(homeOwnership[h]);
    const p = rng.weighted([0.35, 0.15, 0.2, 0.08, 0.07, 0.15]);
    purpose.push(purposes[p]);
    loan[i] = roundTo(clamp(Math.exp(9.3 + 0.6 * rng.normal()), 1_000, 60_000), 2);
    term[i] = 12 * (1 + rng.int(5));
    late[i] = Math.min(30, rng.poisson(0.5));
    score[i] = clamp(Math.round(690 + rng.normal() * 60 - 25 * late[i] + 0.8 * employment[i]), 300, 850);
    dti[i] = roundTo(clamp(0.3 + rng.normal() * 0.12, 0, 1.5), 4);
    lines[i] = clamp(rng.poisson(4 + employment[i] / 5), 0, 40);
    const logit =
      -2.75 -
      0.011 * (score[i] - 680) +
      2.2 * (dti[i] - 0.3) +
      0.3 * late[i] +
      0.9 * Math.log(loan[i] / income[i] / 0.2) -
      0.03 * Math.min(employment[i], 10) +
      0.01 * (term[i] - 36) -
      0.01 * (age[i] - 40) +
      purposeRisk[p] +
      (h === 0 ? 0.2 : 0);
    defaulted[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }

  return new DataTable([
    categoricalColumn('applicant_id', id),
    numericColumn('age', age),
    numericColumn('annual_income', income),
    numericColumn('employment_years', employment),
    numericColumn('loan_amount', loan),
    numericColumn('loan_term_months', term),
    numericColumn('credit_score', score),
    numericColumn('debt_to_income', dti),
    numericColumn('open_credit_lines', lines),
    numericColumn('late_payments_2y', late),
    categoricalColumn('home_ownership', home),
    categoricalColumn('loan_purpose', purpose),
    numericColumn('default', defaulted),
  ]);
}
