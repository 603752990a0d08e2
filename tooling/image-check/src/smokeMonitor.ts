import { freePort } from './freePort';
import { request, waitFor } from './http';
import { lastJsonLine } from './lastJsonLine';
import { tail } from './runCommand';
import { container, homeRun, type SmokeContext } from './SmokeContext';

/** `monitor run`'s documented exit code per alert level (ARCHITECTURE.md). */
const LEVEL_EXIT: Record<string, number> = { stable: 0, watch: 1, retrain: 2 };

/**
 * The monitor image: `run --model <name> --json` on the API containers' log must exit with
 * the code of the level it reports, and that level must be retrain (the traffic was moved
 * off the training data); then the image's default command (`serve --watch`) as compose
 * runs it, on every interface with a key: /health, the login form, and the page after it.
 */
export async function smokeMonitor(context: SmokeContext, model: string): Promise<void> {
  const { buildah, steps, images } = context;
  const name = await container(context, images.monitor, 'monitor');

  await steps.step(
    `monitor: run --model ${model} exits 2 (retrain) on the drifted log`,
    async () => {
      const result = await buildah.runJob(name, images.monitor.config, {
        ...homeRun(context),
        args: ['run', '--model', model, '--json'],
      });
      const json = lastJsonLine(result.stdout);
      const level = String(json?.level ?? json?.status ?? '');
      if (!(level in LEVEL_EXIT))
        throw new Error(
          `exited ${result.code} without a level on its last JSON line:\n${tail(result.stderr + result.stdout)}`,
        );
      if (result.code !== LEVEL_EXIT[level])
        throw new Error(`reported ${level} but exited ${result.code}, documented: ${LEVEL_EXIT[level]}`);
      if (level !== 'retrain')
        throw new Error(
          `reported ${level} (exit ${result.code}) on traffic drifted far off the training data, expected retrain (2)`,
        );
      return level;
    },
    (level) => `${level}, exit ${LEVEL_EXIT[level]}`,
  );

  await steps.step('monitor: default command (serve) answers /health, the login and the page', async () => {
    const port = await freePort();
    const env = { MONITOR_PORT: String(port), MONITOR_HOST: '0.0.0.0', MLOPS_API_KEY: context.apiKey };
    const running = buildah.start(name, images.monitor.config, homeRun(context, env));
    let exited: string | undefined;
    running.exited.then((r) => {
      exited = `the container exited ${r.code ?? r.signal}:\n${tail(running.output())}`;
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        'monitor /health',
        async () => ((await request(`${url}/health`)).status === 200 ? true : undefined),
        {
          timeoutMs: 60_000,
          stopped: () => exited,
        },
      );
      const anonymous = await request(`${url}/`);
      if (anonymous.status !== 303 || anonymous.headers.get('location') !== '/login')
        throw new Error(
          `GET / without a session answered ${anonymous.status} (location ${anonymous.headers.get('location')}), expected 303 to /login`,
        );
      const login = await request(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
        body: new URLSearchParams({ key: context.apiKey }).toString(),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0];
      if (login.status !== 303 || !cookie)
        throw new Error(
          `POST /login with the key answered ${login.status} without a session cookie: ${login.text.slice(0, 200)}`,
        );
      const page = await request(`${url}/?model=${model}`, { headers: { cookie } });
      if (page.status !== 200 || !/<html/i.test(page.text))
        throw new Error(`GET / after login answered ${page.status}: ${page.text.slice(0, 200)}`);
      const result = await running.stop(20_000);
      if (result.code !== 0)
        throw new Error(
          `monitor serve exited ${result.code ?? result.signal} on SIGTERM:\n${tail(running.output())}`,
        );
    } finally {
      if (!exited) running.kill();
    }
  });
}
