/**
 * Everything the analysis worker offers the page. Each area adds its functions here; the worker file only
 * exposes this object, and src/app/analysis-client.ts gives the page a typed, lazily-created proxy to it.
 */
import { profileApi } from './api/profile-api';
import { importApi } from './api/import-api';
import { trustApi } from './api/trust-api';

export const analysisApi = {
  ...profileApi,
  ...importApi,
  ...trustApi,
  ping(): string {
    return 'pong';
  },
};

export type AnalysisApi = typeof analysisApi;
