import {
  Body,
  Controller,
  Middlewares,
  Path,
  Post,
  Query,
  Request,
  Response,
  Route,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import type { ErrorBody } from '../http/ErrorBody';
import { readBatchBody, readInstanceBody } from '../http/requestBodies';
import { explainRequested } from './explanationDtos';
import type {
  BatchPredictionResponse,
  BatchRequest,
  FeatureValues,
  PredictionResponse,
} from './predictionDtos';
import type { AnswerRole, PredictionsService } from './predictionsService';

const BAD_FEATURES = 'a feature is missing, unknown, of the wrong type or out of range';
const BAD_ROW = 'an instance has a missing, unknown, mistyped or out-of-range feature';
const TOO_LARGE = 'more instances than MLOPS_BATCH_LIMIT, or a body over MLOPS_BATCH_BODY_LIMIT';
const NO_MODEL = 'no production model of that name';
const IN_ORDER = 'predictions, in the order of the instances';
const BAD_EXPLAIN = 'the explain query parameter is neither true nor false';
const NOT_EXPLAINABLE =
  'explain=true on a version that cannot be explained (a decision tree stored before explanations: retrain it)';

/** The request id `requestTelemetry` gave the request. */
const requestIdOf = (request: ExpressRequest): string => request.res!.locals.requestId;
/** Records who answered (champion or canary) for the request metrics (`requestTelemetry`). */
const roleOf =
  (request: ExpressRequest) =>
  (role: AnswerRole): void => {
    request.res!.locals.role = role;
  };

@Route('')
@Tags('predictions')
export class PredictionsController extends Controller {
  constructor(private readonly service: PredictionsService) {
    super();
  }

  /**
   * Predicts with the production version of the default model (`MLOPS_MODEL`).
   * @param explain `true` adds `explanation`: per-field contributions to the model's raw output (see ExplanationDto); `false` or absent answers as without it.
   */
  @Post('predict')
  @Middlewares(readInstanceBody)
  @SuccessResponse(200, 'prediction')
  @Response<ErrorBody>(400, BAD_EXPLAIN)
  @Response<ErrorBody>(409, NOT_EXPLAINABLE)
  @Response<ErrorBody>(422, BAD_FEATURES)
  public async predict(
    @Body() body: FeatureValues,
    @Request() request: ExpressRequest,
    @Query() explain?: string,
  ): Promise<PredictionResponse> {
    return this.service.predict(
      this.service.defaultModel,
      body,
      requestIdOf(request),
      explainRequested(explain),
      roleOf(request),
    );
  }

  /**
   * Predicts with the production version of the named model.
   * @param explain `true` adds `explanation`: per-field contributions to the model's raw output (see ExplanationDto); `false` or absent answers as without it.
   */
  @Post('models/{name}/predict')
  @Middlewares(readInstanceBody)
  @SuccessResponse(200, 'prediction')
  @Response<ErrorBody>(404, NO_MODEL)
  @Response<ErrorBody>(400, BAD_EXPLAIN)
  @Response<ErrorBody>(409, NOT_EXPLAINABLE)
  @Response<ErrorBody>(422, BAD_FEATURES)
  public async predictWith(
    @Path() name: string,
    @Body() body: FeatureValues,
    @Request() request: ExpressRequest,
    @Query() explain?: string,
  ): Promise<PredictionResponse> {
    return this.service.predict(name, body, requestIdOf(request), explainRequested(explain), roleOf(request));
  }

  /**
   * Predicts a batch of instances with the default model (`MLOPS_MODEL`), all or none.
   * @param explain `true` adds `explanation`: per-field contributions to the model's raw output (see ExplanationDto); `false` or absent answers as without it.
   */
  @Post('predict/batch')
  @Middlewares(readBatchBody)
  @SuccessResponse(200, IN_ORDER)
  @Response<ErrorBody>(413, TOO_LARGE)
  @Response<ErrorBody>(400, BAD_EXPLAIN)
  @Response<ErrorBody>(409, NOT_EXPLAINABLE)
  @Response<ErrorBody>(422, BAD_ROW)
  public async predictBatch(
    @Body() body: BatchRequest,
    @Request() request: ExpressRequest,
    @Query() explain?: string,
  ): Promise<BatchPredictionResponse> {
    return this.service.predictBatch(
      this.service.defaultModel,
      body.instances,
      requestIdOf(request),
      explainRequested(explain),
      roleOf(request),
    );
  }

  /**
   * Predicts a batch of instances with the production version of the named model.
   * @param explain `true` adds `explanation`: per-field contributions to the model's raw output (see ExplanationDto); `false` or absent answers as without it.
   */
  @Post('models/{name}/predict/batch')
  @Middlewares(readBatchBody)
  @SuccessResponse(200, IN_ORDER)
  @Response<ErrorBody>(404, NO_MODEL)
  @Response<ErrorBody>(413, TOO_LARGE)
  @Response<ErrorBody>(400, BAD_EXPLAIN)
  @Response<ErrorBody>(409, NOT_EXPLAINABLE)
  @Response<ErrorBody>(422, BAD_ROW)
  public async predictBatchWith(
    @Path() name: string,
    @Body() body: BatchRequest,
    @Request() request: ExpressRequest,
    @Query() explain?: string,
  ): Promise<BatchPredictionResponse> {
    return this.service.predictBatch(
      name,
      body.instances,
      requestIdOf(request),
      explainRequested(explain),
      roleOf(request),
    );
  }
}
