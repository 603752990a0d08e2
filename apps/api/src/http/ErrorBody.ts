import type { ApiErrorCode } from './ApiError';

/** Error body of every failed request, as the OpenAPI document shows it. */
export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details: Array<{ field?: string; message: string }> };
}
