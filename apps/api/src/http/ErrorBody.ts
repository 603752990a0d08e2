/** Error body of every failed request, as the OpenAPI document shows it. */
export interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field?: string; message: string }> };
}
