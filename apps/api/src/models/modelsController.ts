import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import { ApiError } from '../http/ApiError';
import type { LoadedModel, ModelStore } from './ModelStore';

/** One input of a model, as its schema defines it. */
interface FeatureInfo {
  name: string;
  type: 'numeric' | 'categorical';
  description: string;
  min?: number;
  max?: number;
  categories?: string[];
}

/** What the server knows about a served model. */
interface ModelInfo {
  name: string;
  version: number;
  alias: 'production';
  kind: string;
  task: string;
  metrics: { [metric: string]: unknown };
  features: FeatureInfo[];
  /** Entity keys a request may carry (logged, hashed when sensitive; never model inputs). */
  id_columns: Array<{ name: string; type: 'numeric' | 'categorical'; sensitive: boolean }>;
  loaded_at: string;
  /** The challenger served beside production (`mlops models route`); absent without a route. */
  challenger?: ChallengerInfo;
}

/** A challenger as served: its version, how traffic reaches it, and when it was loaded. */
interface ChallengerInfo {
  version: number;
  /** `canary`: answers `weight` % of requests (sticky per entity key); `shadow`: scores `weight` % off the response path. */
  mode: 'shadow' | 'canary';
  /** Percent of requests, 1-100. */
  weight: number;
  kind: string;
  loaded_at: string;
}

@Route('')
@Tags('models')
export class ModelsController extends Controller {
  constructor(
    private readonly models: ModelStore,
    private readonly defaultModel: string,
  ) {
    super();
  }

  /** The default model (`MLOPS_MODEL`) as served now. */
  @Get('model-info')
  public async modelInfo(): Promise<ModelInfo> {
    const model = this.models.get(this.defaultModel);
    if (!model)
      throw new ApiError(404, 'model_not_found', `no production version of '${this.defaultModel}' is loaded`);
    return describe(model, this.models);
  }

  /** Every served model. */
  @Get('models')
  public async list(): Promise<ModelInfo[]> {
    return this.models.list().map((model) => describe(model, this.models));
  }
}

function describe(model: LoadedModel, models: ModelStore): ModelInfo {
  const { document } = model.pipeline;
  const challenger = models.challenger(model.name);
  const info: ModelInfo = {
    name: model.name,
    version: model.version,
    alias: 'production',
    kind: document.kind,
    task: document.task,
    metrics: model.metrics,
    features: document.features.map(({ name, type, description, min, max, categories }) => ({
      name,
      type,
      description,
      min,
      max,
      categories,
    })),
    id_columns: (document.idColumns ?? []).map(({ name, type, sensitive }) => ({
      name,
      type,
      sensitive: Boolean(sensitive),
    })),
    loaded_at: model.loadedAt,
  };
  if (challenger)
    info.challenger = {
      version: challenger.model.version,
      mode: challenger.mode,
      weight: challenger.weight,
      kind: challenger.model.pipeline.document.kind,
      loaded_at: challenger.model.loadedAt,
    };
  return info;
}
