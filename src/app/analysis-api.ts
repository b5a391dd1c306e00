/**
 * Everything the analysis worker offers the page. Each area adds its functions here; the worker file only
 * exposes this object, and src/app/analysis-client.ts gives the page a typed, lazily-created proxy to it.
 */
import { profileApi } from './api/profile-api';
import { importApi } from './api/import-api';
import { trustApi } from './api/trust-api';
import { SENDER_ID } from '../db/other-tabs';

export const analysisApi = {
  ...profileApi,
  ...importApi,
  ...trustApi,
  ping(): string {
    return 'pong';
  },
  /** How this worker signs what it tells other tabs, so its own page can ignore it. */
  senderId(): string {
    return SENDER_ID;
  },
};

export type AnalysisApi = typeof analysisApi;
