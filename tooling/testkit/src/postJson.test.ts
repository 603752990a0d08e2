import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson } from './postJson';

test('resolves with the status a real server answers, and 0 once nothing listens on the port', async () => {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    req.on('end', () => {
      bodies.push(
        `${req.method} ${req.url} ${req.headers['content-type']} ${req.headers['x-request-id']} ${text}`,
      );
      res.statusCode = 201;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true });
  const status = await postJson({
    port,
    path: '/x',
    body: '{"a":1}',
    agent,
    headers: { 'x-request-id': 'r1' },
  });
  expect(status).toBe(201);
  expect(bodies).toEqual(['POST /x application/json r1 {"a":1}']);
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  expect(await postJson({ port, body: '{}', agent: new Agent() })).toBe(0);
});
