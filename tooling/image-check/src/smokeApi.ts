import { join } from 'node:path';
import type { ContainerRun, RunningContainer } from './Buildah';
import { driftedRequest } from './driftedRequest';
import { freePort } from './freePort';
import { postJson, request, waitFor } from './http';
import { requestIdsByWriter } from './predictionSegments';
import { tail } from './runCommand';
import { container, homeRun, type SmokeContext } from './SmokeContext';
import type { TrainedModel } from './smokeTrainer';

/** Predictions per API container after the promote: 120 in all, above the monitor's 100-row minimum. */
const TRAFFIC = [50, 70];

interface ApiServer {
  label: string;
  url: string;
  running: RunningContainer;
  containerName: string;
  exited?: string;
  /** How it was started: the HEALTHCHECK runs with the same environment, as under Docker. */
  run: ContainerRun;
  /** Request ids of every prediction this server answered. */
  requestIds: Set<string>;
}

/**
 * Two containers of the API image on one MLOPS_HOME (compose's two replicas): both ready,
 * a prediction from each, a promote through one's admin API that both pick up (the other by
 * its alias poll), drifted traffic to both, and SIGTERM: each exits 0 with every answered
 * prediction in its own log segment.
 */
export async function smokeApi(context: SmokeContext, model: TrainedModel): Promise<void> {
  const { buildah, steps, images } = context;
  const servers: ApiServer[] = [];
  try {
    await steps.step('api: two containers answer /ready 200', async () => {
      for (const label of ['a', 'b']) {
        const port = await freePort();
        const name = await container(context, images.api, `api-${label}`);
        const env = {
          PORT: String(port),
          MLOPS_API_KEY: context.apiKey,
          MLOPS_HASH_SALT: 'image-check-salt',
        };
        const run = homeRun(context, env);
        const running = buildah.start(name, images.api.config, run);
        const server: ApiServer = {
          label,
          run,
          url: `http://127.0.0.1:${port}`,
          running,
          containerName: name,
          requestIds: new Set(),
        };
        running.exited.then((r) => {
          server.exited = `the container exited ${r.code ?? r.signal}:\n${tail(running.output())}`;
        });
        servers.push(server);
      }
      for (const server of servers)
        await waitFor(
          `api ${server.label} /ready`,
          async () => ((await request(`${server.url}/ready`)).status === 200 ? true : undefined),
          {
            timeoutMs: 60_000,
            stopped: () => server.exited,
          },
        );
    });

    const predict = async (server: ApiServer, body: Record<string, unknown>) => {
      const reply = await postJson(`${server.url}/predict`, body);
      const json = reply.json as { model_version?: number; request_id?: string } | undefined;
      if (reply.status !== 200 || !json?.request_id)
        throw new Error(
          `api ${server.label} POST /predict answered ${reply.status}: ${reply.text.slice(0, 300)}`,
        );
      server.requestIds.add(json.request_id);
      return json.model_version;
    };

    await steps.step(`api: each serves a prediction from ${model.name} v${model.production}`, async () => {
      for (const server of servers) {
        const version = await predict(server, model.example);
        if (version !== model.production)
          throw new Error(`api ${server.label} served v${version}, expected v${model.production}`);
      }
    });

    await steps.step(`api: the image's HEALTHCHECK passes in each container`, async () => {
      const test = await buildah.healthcheck(images.api.name);
      for (const server of servers) {
        const result = await buildah.exec(server.containerName, images.api.config, test, server.run);
        if (result.code !== 0)
          throw new Error(`api ${server.label}: HEALTHCHECK exited ${result.code}: ${tail(result.stderr)}`);
      }
    });

    await steps.step(`api: promote v${model.candidate} through a's admin API; both serve it`, async () => {
      const [a] = servers;
      const reply = await postJson(
        `${a.url}/admin/models/${model.name}/promote`,
        { version: model.candidate, force: true, reason: 'image check' },
        { authorization: `Bearer ${context.apiKey}` },
      );
      if (reply.status !== 200)
        throw new Error(
          `POST /admin/models/${model.name}/promote answered ${reply.status}: ${reply.text.slice(0, 300)}`,
        );
      for (const server of servers)
        await waitFor(
          `api ${server.label} serving v${model.candidate}`,
          async () => ((await predict(server, model.example)) === model.candidate ? true : undefined),
          {
            timeoutMs: 15_000,
            stopped: () => server.exited,
          },
        );
    });

    await steps.step(`api: ${TRAFFIC.join(' + ')} drifted predictions`, async () => {
      let i = 0;
      for (const [index, server] of servers.entries())
        for (let n = 0; n < TRAFFIC[index]; n++) await predict(server, driftedRequest(model.example, i++));
    });

    await steps.step(
      'api: SIGTERM stops each container (exit 0) and flushes its log segment',
      async () => {
        const results = await Promise.all(servers.map((server) => server.running.stop(20_000)));
        for (const [index, result] of results.entries()) {
          const server = servers[index];
          if (result.code !== 0)
            throw new Error(
              `api ${server.label} exited ${result.code ?? result.signal} on SIGTERM:\n${tail(server.running.output())}`,
            );
        }
        const writers = [...requestIdsByWriter(join(context.home, 'predictions', model.name)).values()];
        for (const server of servers) {
          const own = writers.filter((ids) => [...server.requestIds].some((id) => ids.has(id)));
          if (own.length !== 1)
            throw new Error(
              `api ${server.label}'s predictions are in ${own.length} writers' segments, expected 1`,
            );
          const missing = [...server.requestIds].filter((id) => !own[0].has(id));
          if (missing.length > 0)
            throw new Error(
              `api ${server.label}: ${missing.length} of ${server.requestIds.size} answered predictions are not in its log segment`,
            );
        }
        return servers.map((s) => s.requestIds.size);
      },
      (counts) => `${counts.join(' + ')} rows, one segment writer each`,
    );
  } finally {
    for (const server of servers) if (!server.exited) server.running.kill();
  }
}
