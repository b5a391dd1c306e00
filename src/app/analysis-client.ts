import { wrap, type Remote } from 'comlink';
import type { AnalysisApi } from './analysis-api';

let remote: Remote<AnalysisApi> | undefined;

/** The one page-side handle to the analysis worker: created on first use, then reused. */
export function analysis(): Remote<AnalysisApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    remote = wrap<AnalysisApi>(worker);
  }
  return remote;
}

/** Whether this page has started the worker (and so holds copies in memory that may need to catch up). */
export function analysisStarted(): boolean {
  return remote !== undefined;
}
