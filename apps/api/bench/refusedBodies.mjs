// Sends bodies the API refuses, back to back over a few keep-alive connections,
// until SIGTERM; then prints what it got as one JSON line. Its own process, so
// building and writing the bodies does not share a core's event loop with wrk or
// the server. Usage: node refusedBodies.mjs <port> <kind> [connections]
//   over-limit: 21 MB batches, over MLOPS_BATCH_BODY_LIMIT (20mb), with their Content-Length
//   unknown-keys: 14.5 MB batches of one row with 1.2 M unknown keys (under the limit)
import { Agent, request } from 'node:http';

const [port, kind, connections = '4'] = process.argv.slice(2);
const row =
  '"tenure_months":3,"monthly_charges":69.75,"num_complaints":4,"usage_hours":6.37,"support_calls":7,"age":54,"contract":"month-to-month","payment_method":"electronic-check","internet_service":"dsl"';
let body;
if (kind === 'over-limit') {
  const one = `{${row}}`;
  const rows = Array.from({ length: Math.ceil((21 * 1024 * 1024) / (one.length + 1)) }, () => one);
  body = Buffer.from(`{"instances":[${rows.join(',')}]}`);
} else {
  const keys = Array.from({ length: 1_200_000 }, (_, i) => `"k${i}":0`);
  body = Buffer.from(`{"instances":[{${row},${keys.join(',')}}]}`);
}
const agent = new Agent({ keepAlive: true, maxSockets: Number(connections) });
const statuses = {};
let stopping = false;
let errors = 0;
const one = () =>
  new Promise((resolve) => {
    const req = request(
      {
        port: Number(port),
        host: '127.0.0.1',
        method: 'POST',
        path: '/predict/batch',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      resolve();
    });
    req.end(body);
  });
process.on('SIGTERM', () => {
  stopping = true;
});
process.stdout.write(`ready ${body.length}\n`);
await Promise.all(
  Array.from({ length: Number(connections) }, async () => {
    while (!stopping) await one();
  }),
);
process.stdout.write(`${JSON.stringify({ bytes: body.length, statuses, errors })}\n`);
process.exit(0);
