import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import { ApiError } from '../http/ApiError';
import type { ModelStore } from '../models/ModelStore';

interface HealthResponse {
  status: 'ok';
}

interface ReadyResponse {
  status: 'ready';
  models: Array<{ name: string; version: number }>;
}

@Route('')
@Tags('health')
export class HealthController extends Controller {
  constructor(
    private readonly models: ModelStore,
    private readonly defaultModel: string,
  ) {
    super();
  }

  /** Liveness: the process is up. */
  @Get('health')
  public async health(): Promise<HealthResponse> {
    return { status: 'ok' };
  }

  /** Readiness: the default model's production version is loaded (503 until it is). */
  @Get('ready')
  public async ready(): Promise<ReadyResponse> {
    if (!this.models.get(this.defaultModel)) {
      throw new ApiError(503, 'not_ready', `no production version of '${this.defaultModel}' is loaded yet`);
    }
    return { status: 'ready', models: this.models.list().map(({ name, version }) => ({ name, version })) };
  }
}
