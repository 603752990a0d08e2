import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uiReplicas } from '../ui/monitoring/uiReplicas';

// /metrics as the API writes it since routing: `mlops_predictions_total` has a `role` label.
const METRICS = [
  '# TYPE mlops_predictions_total counter',
  'mlops_predictions_total{model="churn",version="1",role="champion"} 90',
  'mlops_predictions_total{model="churn",version="2",role="canary"} 10',
  'mlops_predictions_total{model="churn",version="3",role="shadow"} 100',
  'mlops_predictions_total{model="fraud",version="1"} 7',
  '',
].join('\n');

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(METRICS));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('shadow predictions are not counted as served traffic; every role is counted apart', async () => {
  const { replicas } = await uiReplicas([url], 'churn');
  expect(replicas[0].predictions_by_version).toEqual({ '1': 90, '2': 10 });
  expect(replicas[0].predictions_by_role).toEqual({ champion: 90, canary: 10, shadow: 100 });
  // A sample without a role (an API before routing) is the champion's.
  const fraud = await uiReplicas([url], 'fraud');
  expect(fraud.replicas[0].predictions_by_role).toEqual({ champion: 7 });
});
