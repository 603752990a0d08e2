import { createRng } from '../random/createRng';
import type { DatasetSchema } from '../schema/DatasetSchema';
import { categoricalColumn, DataTable, numericColumn } from '../table/DataTable';
import { roundTo } from './rounding';

const START_MS = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const merchants = [
  'grocery',
  'restaurant',
  'fuel',
  'online-retail',
  'electronics',
  'travel',
  'gaming',
] as const;
const legitMerchantWeights = [0.3, 0.2, 0.15, 0.2, 0.06, 0.06, 0.03];
const fraudMerchantWeights = [0.05, 0.05, 0.05, 0.3, 0.25, 0.15, 0.15];
const channels = ['chip', 'contactless', 'online', 'magstripe'] as const;
const legitChannelWeights = [0.35, 0.35, 0.27, 0.03];
const fraudChannelWeights = [0.1, 0.1, 0.6, 0.2];

/** Share of fraudulent transactions (rare positives). */
const FRAUD_RATE = 0.008;

/** Columns of the card-fraud dataset: card transactions, a rare few of them fraudulent. */
export const fraudSchema: DatasetSchema = {
  name: 'fraud',
  description:
    'Card transactions over 90 days, about 0.8 % fraudulent: a rare-positive problem where accuracy means nothing and precision/recall at a threshold matter.',
  task: 'binary',
  target: 'is_fraud',
  columns: [
    { name: 'transaction_id', type: 'categorical', role: 'id', description: 'Transaction identifier' },
    {
      name: 'timestamp',
      type: 'numeric',
      role: 'time',
      description: 'Time of the transaction, epoch milliseconds (UTC)',
      min: START_MS,
      max: START_MS + 90 * DAY_MS,
    },
    {
      name: 'card_id',
      type: 'categorical',
      role: 'id',
      description: 'Card identifier (a pseudonymous card number)',
      sensitive: true,
    },
    { name: 'amount', type: 'numeric', role: 'feature', description: 'Amount in euros', min: 0, max: 20_000 },
    {
      name: 'hour_of_day',
      type: 'numeric',
      role: 'feature',
      description: 'Local hour of the transaction, 0-23',
      min: 0,
      max: 23,
      integer: true,
    },
    {
      name: 'merchant_category',
      type: 'categorical',
      role: 'feature',
      description: "Merchant's business",
      categories: [...merchants],
    },
    {
      name: 'channel',
      type: 'categorical',
      role: 'feature',
      description: 'How the card was used',
      categories: [...channels],
    },
    {
      name: 'distance_from_home_km',
      type: 'numeric',
      role: 'feature',
      description: "Distance between the merchant and the cardholder's home",
      min: 0,
      max: 20_000,
    },
    {
      name: 'foreign',
      type: 'numeric',
      role: 'feature',
      description: "1 when the merchant is outside the card's country",
      min: 0,
      max: 1,
      integer: true,
    },
    {
      name: 'transactions_24h',
      type: 'numeric',
      role: 'feature',
      description: 'Transactions on the card in the previous 24 hours',
      min: 0,
      max: 100,
      integer: true,
    },
    {
      name: 'amount_vs_average',
      type: 'numeric',
      role: 'feature',
      description: "Amount over the card's 30-day average amount",
      min: 0,
      max: 1_000,
    },
    {
      name: 'card_age_days',
      type: 'numeric',
      role: 'feature',
      description: 'Days since the card was issued',
      min: 0,
      max: 3_650,
      integer: true,
    },
    {
      name: 'customer_age',
      type: 'numeric',
      role: 'feature',
      description: 'Age of the cardholder in years',
      min: 18,
      max: 95,
      integer: true,
      sensitive: true,
    },
    {
      name: 'is_fraud',
      type: 'numeric',
      role: 'target',
      description: '1 when the transaction was reported as fraud, else 0',
      min: 0,
      max: 1,
      integer: true,
    },
  ],
};

/**
 * Generates the fraud dataset (see {@link fraudSchema}), sorted by time. Each
 * transaction is first drawn as fraud (probability 0.8 %) or not, then its features
 * from overlapping distributions: frauds skew online, at night, abroad, far from
 * home, in bursts, on new cards and for unusual amounts, but any single feature
 * also occurs in honest traffic, so no rule separates them perfectly.
 */
export function generateFraud(rows: number, seed: number): DataTable {
  const rng = createRng(seed);
  const times = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) times[i] = START_MS + Math.floor(rng.next() * 90 * DAY_MS);
  times.sort();
  const id: string[] = [];
  const card: string[] = [];
  const amount = new Float64Array(rows);
  const hour = new Float64Array(rows);
  const merchant: string[] = [];
  const channel: string[] = [];
  const distance = new Float64Array(rows);
  const foreign = new Float64Array(rows);
  const burst = new Float64Array(rows);
  const ratio = new Float64Array(rows);
  const cardAge = new Float64Array(rows);
  const age = new Float64Array(rows);
  const fraud = new Float64Array(rows);

  for (let i = 0; i < rows; i += 1) {
    const isFraud = rng.next() < FRAUD_RATE;
    fraud[i] = isFraud ? 1 : 0;
    id.push(`T${String(i + 1).padStart(8, '0')}`);
    card.push(`card-${String(rng.int(Math.max(1, rows >> 3))).padStart(6, '0')}`);
    const night = isFraud ? rng.next() < 0.45 : rng.next() < 0.08;
    hour[i] = night ? rng.int(6) : 6 + Math.min(17, Math.max(0, Math.round(8 + rng.normal() * 4)));
    merchant.push(merchants[rng.weighted(isFraud ? fraudMerchantWeights : legitMerchantWeights)]);
    channel.push(channels[rng.weighted(isFraud ? fraudChannelWeights : legitChannelWeights)]);
    const typical = Math.exp(3.3 + 0.9 * rng.normal());
    const spend = isFraud ? typical * Math.exp(0.9 + 0.9 * rng.normal()) : typical;
    amount[i] = roundTo(Math.min(20_000, spend), 2);
    ratio[i] = roundTo(Math.min(1_000, amount[i] / Math.exp(3.3 + 0.3 * rng.normal())), 3);
    foreign[i] = rng.next() < (isFraud ? 0.35 : 0.04) ? 1 : 0;
    const km = foreign[i] ? 300 + Math.exp(6.5 + rng.normal()) : Math.exp(1.5 + 1.1 * rng.normal());
    distance[i] = roundTo(Math.min(20_000, isFraud ? km * 3 : km), 1);
    burst[i] = Math.min(100, rng.poisson(isFraud ? 5 : 1.5));
    cardAge[i] = Math.min(3_650, Math.round(-Math.log(1 - rng.next()) * (isFraud ? 250 : 900)));
    age[i] = Math.min(95, Math.max(18, Math.round(44 + rng.normal() * 15 + (isFraud ? 6 : 0))));
  }

  return new DataTable([
    categoricalColumn('transaction_id', id),
    numericColumn('timestamp', times),
    categoricalColumn('card_id', card),
    numericColumn('amount', amount),
    numericColumn('hour_of_day', hour),
    categoricalColumn('merchant_category', merchant),
    categoricalColumn('channel', channel),
    numericColumn('distance_from_home_km', distance),
    numericColumn('foreign', foreign),
    numericColumn('transactions_24h', burst),
    numericColumn('amount_vs_average', ratio),
    numericColumn('card_age_days', cardAge),
    numericColumn('customer_age', age),
    numericColumn('is_fraud', fraud),
  ]);
}
